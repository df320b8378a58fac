import * as fs from 'fs';
import * as path from 'path';

/** The user documentation: the README, CONTRIBUTING.md and every Markdown file under docs/, relative to the root. */
export function documentationFiles(root: string): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return walk(rel);
    return e.name.endsWith('.md') ? [rel] : [];
  });
  return ['README.md', 'CONTRIBUTING.md', ...walk('docs').sort()];
}

/** All of the documentation as one text, for tests that look for a name or a table anywhere in it. */
export function documentationText(root: string): string {
  return documentationFiles(root).map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n\n');
}
