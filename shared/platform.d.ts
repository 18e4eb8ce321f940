// shared/ is compiled with neither DOM nor Node types. These are the only platform globals it may
// use: both hosts (browsers and Node) provide them. The node and web projects exclude this file
// and use their own, fuller declarations.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
