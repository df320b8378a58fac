// docs/api.md from the doc comments of the public API (what src/index.ts exports), read with the
// TypeScript 5.9 compiler API (tools/typescript5: TypeScript 7, which builds the project, has no JavaScript
// API). test/api/api-reference.test.ts compares the committed file with what this writes.
const path = require('path');

const ts = require(path.join(__dirname, '..', '..', 'tools', 'typescript5', 'node_modules', 'typescript'));

const TYPE_FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

function docOf(symbol, checker) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

function tagsOf(symbol, checker) {
  return Object.fromEntries(symbol.getJsDocTags(checker).map((t) => [t.name, ts.displayPartsToString(t.text ?? []).trim()]));
}

/** A doc comment as Markdown lines; a blank line ends a paragraph. */
function paragraph(text) {
  return text ? `${text}\n\n` : '';
}

function isPublicMember(symbol, checker) {
  if (symbol.name.startsWith('_') || symbol.name.startsWith('#')) return false;
  const tags = tagsOf(symbol, checker);
  if ('internal' in tags) return false;
  const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
  if (!declaration) return false;
  const flags = ts.getCombinedModifierFlags(declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

function signatureText(name, signature, checker) {
  const params = signature.getParameters().map((p) => {
    const declaration = p.valueDeclaration;
    const optional = declaration && (declaration.questionToken || declaration.initializer) ? '?' : '';
    return `${p.name}${optional}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, declaration), undefined, TYPE_FLAGS)}`;
  });
  return `${name}(${params.join(', ')}): ${checker.typeToString(signature.getReturnType(), undefined, TYPE_FLAGS)}`;
}

function memberLines(owner, symbol, checker, isStatic) {
  const declaration = symbol.valueDeclaration ?? symbol.declarations[0];
  const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
  const prefix = isStatic ? `${owner}.` : '';
  const deprecated = 'deprecated' in tagsOf(symbol, checker) ? ` **Deprecated:** ${tagsOf(symbol, checker).deprecated}` : '';
  const signatures = type.getCallSignatures();
  const isMethod = ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration);
  const head = isMethod && signatures.length > 0
    ? signatures.map((s) => `- \`${prefix}${signatureText(symbol.name, s, checker)}\``).join('\n')
    : `- \`${prefix}${symbol.name}${symbol.flags & ts.SymbolFlags.Optional ? '?' : ''}: ${checker.typeToString(type, undefined, TYPE_FLAGS)}\``;
  const doc = docOf(symbol, checker).replace(/\n+/g, ' ');
  const defaultTag = tagsOf(symbol, checker).default;
  const defaultText = defaultTag !== undefined ? ` Default: ${defaultTag.replace(/\n+/g, ' ')}.` : '';
  const text = `${doc}${defaultText}${deprecated}`.trim();
  return text ? `${head}: ${text}` : head;
}

function kindOf(symbol) {
  if (symbol.flags & ts.SymbolFlags.Class) return 'class';
  if (symbol.flags & ts.SymbolFlags.Interface) return 'interface';
  if (symbol.flags & ts.SymbolFlags.Function) return 'function';
  if (symbol.flags & ts.SymbolFlags.TypeAlias) return 'type';
  if (symbol.flags & ts.SymbolFlags.Enum) return 'enum';
  return 'const';
}

function renderSymbol(symbol, checker) {
  const kind = kindOf(symbol);
  const out = [`### \`${symbol.name}\` (${kind})\n\n`, paragraph(docOf(symbol, checker))];
  const declaration = symbol.declarations[0];
  if (kind === 'class') {
    const ctorType = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    const isPrivate = (s) => s.declaration && ts.getCombinedModifierFlags(s.declaration) & ts.ModifierFlags.Private;
    const ctors = ctorType.getConstructSignatures().filter((s) => !isPrivate(s));
    const statics = checker.getPropertiesOfType(ctorType)
      .filter((p) => p.name !== 'prototype' && isPublicMember(p, checker) && p.declarations?.some((d) => d.parent === declaration));
    const instance = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))
      .filter((p) => isPublicMember(p, checker) && p.declarations?.some((d) => d.parent === declaration));
    const lines = [
      ...ctors.filter((s) => s.declaration).map((s) => `- \`new ${signatureText(symbol.name, s, checker)}\``),
      ...statics.map((p) => memberLines(symbol.name, p, checker, true)),
      ...instance.map((p) => memberLines(symbol.name, p, checker, false)),
    ];
    if (lines.length) out.push(`${lines.join('\n')}\n\n`);
  } else if (kind === 'interface') {
    // The props declared here; those it takes from cdk8s-plus are named, not repeated (see cdk8s-plus's own docs).
    const own = (p) => p.declarations?.some((d) => !d.getSourceFile().fileName.includes('node_modules'));
    const props = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).filter((p) => isPublicMember(p, checker) && own(p));
    const heritage = (declaration.heritageClauses ?? []).flatMap((h) => h.types.map((t) => `\`${t.getText()}\``));
    if (heritage.length) out.push(`Extends ${heritage.join(', ')}.\n\n`);
    if (props.length) out.push(`${props.map((p) => memberLines(symbol.name, p, checker, false)).join('\n')}\n\n`);
  } else if (kind === 'function') {
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration);
    out.push(`${type.getCallSignatures().map((s) => `- \`${signatureText(symbol.name, s, checker)}\``).join('\n')}\n\n`);
  } else if (kind === 'type') {
    out.push(`\`\`\`typescript\n${declaration.getText().replace(/^export /, '')}\n\`\`\`\n\n`);
  } else if (kind === 'const') {
    out.push(`- \`${symbol.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, declaration), undefined, TYPE_FLAGS)}\`\n\n`);
  }
  return out.join('');
}

/** The sections of src/index.ts: its `// Heading.` comments, in order, each with the names exported under it. */
function sectionsOf(indexText) {
  const sections = [];
  // The file's opening comment, up to its first blank line, says what the file is: no heading in it.
  const lines = indexText.split('\n');
  const body = lines.slice(lines.findIndex((line) => line.trim() === ''));
  for (const line of body) {
    const heading = /^\/\/ (.+)\.$/.exec(line);
    if (heading) sections.push({ title: heading[1], names: [] });
    const exported = /^export (?:type )?\{([^}]+)\}/.exec(line);
    if (exported && sections.length) sections[sections.length - 1].names.push(...exported[1].split(',').map((n) => n.trim()));
  }
  return sections;
}

function renderApiMarkdown(root) {
  const index = path.join(root, 'src', 'index.ts');
  const program = ts.createProgram([index], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, skipLibCheck: true, noEmit: true, types: ['node'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index));
  const exports = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));
  const resolve = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const text = require('fs').readFileSync(index, 'utf8');
  const parts = [`<!-- Generated from the doc comments of src/index.ts's exports by scripts/generate-docs.js; do not edit by hand. -->
# API reference

Every name the package exports, as \`cdk8s-pod-patterns\` (built on cdk8s-plus-27) and each
\`cdk8s-pod-patterns/plus-NN\` export it, where \`kplus\` is that entry point's \`cdk8s-plus-NN\`. The guides in
this folder show them at work.
`];
  for (const section of sectionsOf(text)) {
    parts.push(`\n## ${section.title}\n\n`);
    for (const name of section.names) {
      const symbol = exports.get(name);
      if (symbol) parts.push(renderSymbol(resolve(symbol), checker));
    }
  }
  return `${parts.join('').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

module.exports = { renderApiMarkdown };
