// The formula AST: plain data, produced by the parser, checked and compiled by compile-expr.
import type { Pos } from './lexer';

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export type Expr =
  | { type: 'number'; value: number; pos: Pos }
  | { type: 'string'; value: string; pos: Pos }
  | { type: 'boolean'; value: boolean; pos: Pos }
  | { type: 'null'; pos: Pos }
  /** A bare or quoted name: a column inside an aggregate, a measure id outside. */
  | { type: 'name'; name: string; pos: Pos }
  | { type: 'role'; name: string; pos: Pos }
  | { type: 'star'; pos: Pos }
  | { type: 'unary'; op: '-' | 'NOT'; arg: Expr; pos: Pos }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: Pos }
  | { type: 'in'; negated: boolean; arg: Expr; list: Expr[]; pos: Pos }
  | { type: 'is_null'; negated: boolean; arg: Expr; pos: Pos }
  | { type: 'between'; negated: boolean; arg: Expr; low: Expr; high: Expr; pos: Pos }
  | { type: 'call'; name: string; args: Expr[]; pos: Pos };
