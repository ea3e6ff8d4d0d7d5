/**
 * An option passed as `...(x === undefined ? {} : { now: x })` to a typed object is silently lost
 * when the type has no such property: TypeScript's excess-property check does not look inside
 * spreads. That is how matching lost the engine's clock (engine/service.ts gave `now` to
 * openMatcher, whose options had none, so recency aged with the system clock). This test asks the
 * type checker, over the project's own sources, for every object literal with a known object type
 * that spreads a conditional (`c ? {…} : {…}`, `c && {…}`, `a ?? {…}`), whether each property
 * those branches write is one the type declares. A probe program holding the bug must be refused,
 * so the check cannot pass by seeing nothing.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

const strip = (e: ts.Expression): ts.Expression => {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x)) x = x.expression;
  return x;
};

/** Properties written by the object-literal branches of a spread's conditional, with their nodes. */
function branchProps(e: ts.Expression, conditional: boolean, out: ts.ObjectLiteralElementLike[]): void {
  const x = strip(e);
  if (ts.isConditionalExpression(x)) {
    branchProps(x.whenTrue, true, out);
    branchProps(x.whenFalse, true, out);
  } else if (ts.isBinaryExpression(x)) {
    const k = x.operatorToken.kind;
    if (k === ts.SyntaxKind.AmpersandAmpersandToken) branchProps(x.right, true, out);
    else if (k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken) {
      branchProps(x.left, true, out);
      branchProps(x.right, true, out);
    }
  } else if (conditional && ts.isObjectLiteralExpression(x)) {
    for (const p of x.properties)
      if (ts.isSpreadAssignment(p)) branchProps(p.expression, false, out);
      else out.push(p);
  }
}

/** The object types a literal must fit, or undefined when any key goes (any, unknown, object, an index signature). */
function members(checker: ts.TypeChecker, t: ts.Type): ts.Type[] | undefined {
  const out: ts.Type[] = [];
  for (const part of t.isUnion() ? t.types : [t]) {
    if (
      part.flags &
      (ts.TypeFlags.Undefined |
        ts.TypeFlags.Null |
        ts.TypeFlags.Void |
        ts.TypeFlags.Never |
        ts.TypeFlags.StringLike |
        ts.TypeFlags.NumberLike |
        ts.TypeFlags.BigIntLike |
        ts.TypeFlags.BooleanLike |
        ts.TypeFlags.ESSymbolLike)
    )
      continue;
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) return undefined;
    const a = checker.getApparentType(part);
    if (a.isUnion()) {
      const sub = members(checker, a);
      if (sub === undefined) return undefined;
      out.push(...sub);
      continue;
    }
    if (checker.getIndexInfosOfType(a).length > 0 || checker.getPropertiesOfType(a).length === 0) return undefined;
    out.push(a);
  }
  return out.length > 0 ? out : undefined;
}

/** `file:line: Type has no "name"` for every property a conditional spread writes that its literal's type lacks. */
function droppedOptions(program: ts.Program, own: (f: ts.SourceFile) => boolean): string[] {
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!own(sf)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node) && node.properties.some(ts.isSpreadAssignment)) {
        const type = checker.getContextualType(node);
        const fits = type === undefined ? undefined : members(checker, type);
        if (fits !== undefined) {
          const written: ts.ObjectLiteralElementLike[] = [];
          for (const p of node.properties) if (ts.isSpreadAssignment(p)) branchProps(p.expression, false, written);
          for (const p of written) {
            const name = p.name !== undefined && !ts.isComputedPropertyName(p.name) ? p.name.getText(sf) : undefined;
            if (name === undefined || fits.some((m) => checker.getPropertyOfType(m, name.replace(/^['"]|['"]$/gu, ''))))
              continue;
            const line = sf.getLineAndCharacterOfPosition(p.getStart(sf)).line + 1;
            found.push(
              `${sf.fileName.slice(root.length + 1)}:${line}: ${checker.typeToString(type as ts.Type)} has no "${name}"`,
            );
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('optional spreads', () => {
  it('refuses the probe: an option the target type does not declare, and only that one', () => {
    const file = join(root, 'probe.ts');
    const text = `
      interface Options { readonly store: string; readonly log?: () => void }
      declare function open(o: Options): void;
      declare const now: (() => Date) | undefined;
      declare const log: (() => void) | undefined;
      const o: Options = { store: 's', ...(now === undefined ? {} : { now }), ...(log && { log }) };
      open({ ...o, ...(now ? { now } : {}) });
    `;
    const host = ts.createCompilerHost({ strict: true, noEmit: true });
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version) =>
      name === file ? ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true) : read(name, version);
    const program = ts.createProgram([file], { strict: true, noEmit: true }, host);
    expect(droppedOptions(program, (f) => f.fileName === file)).toEqual([
      'probe.ts:6: Options has no "now"',
      'probe.ts:7: Options has no "now"',
    ]);
  });

  it("no option in the project's sources is dropped that way", () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (config === undefined) throw new Error('tsconfig.json could not be read');
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
    const own = (f: ts.SourceFile) =>
      !f.isDeclarationFile && f.fileName.startsWith(`${root}/`) && !/\/(node_modules|dist|\.cache)\//u.test(f.fileName);
    const checked = program.getSourceFiles().filter(own).length;
    expect(checked, 'source files checked').toBeGreaterThan(300);
    expect(droppedOptions(program, own)).toEqual([]);
  }, 120_000);
});
