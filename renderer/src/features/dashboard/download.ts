// Files and images leaving the app: a Blob saved through a temporary link (the browser's download,
// Electron's save dialog), a chart's PNG as a Blob, and a PNG put on the clipboard.

/** A file name from a title: no path separators nor characters Windows refuses. */
export function fileNameOf(title: string, extension: string, fallback: string): string {
  const base = title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return `${base || fallback}.${extension}`;
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A data: URL (as EChart's toPngDataUrl gives) as a Blob. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body = ''] = dataUrl.split(',', 2);
  const type = /^data:([^;,]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream';
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export type CopyOutcome = 'copied' | 'unsupported' | 'refused';

/** Puts a PNG on the clipboard; says why not when the browser cannot or will not. */
export async function copyPng(png: Blob): Promise<CopyOutcome> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) return 'unsupported';
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    return 'copied';
  } catch {
    return 'refused';
  }
}
