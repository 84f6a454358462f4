import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Module boundaries for raw SQL. Each table belongs to the module whose `entities/` declares it;
 * another module may not name it in SQL text of its own. It gets the rule through the owner's
 * export instead (a typed query, or a SQL fragment such as `planInForceSql` that it interpolates,
 * so the table name never appears in its own text). What names a table is found the simple way:
 * string and template literals that read as SQL, and the word after FROM, JOIN, UPDATE or INTO.
 */

export interface SqlReference {
  file: string;
  table: string;
  owner: string;
  module: string;
}

const SQL = /\b(select|insert\s+into|update|delete\s+from|copy)\b/i;
const TABLE_AFTER = /\b(?:from|join|update|into)\s+([a-z_][a-z0-9_]*)/gi;
const LITERAL = /`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g;

/** Folders that are not domain modules: the schema's history, demo and scale data, CLI scripts. */
const EXEMPT = ['database/migrations', 'database/seeders', 'database/scale', 'scripts'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const moduleOf = (srcDir: string, file: string) => relative(srcDir, file).split(sep)[0];

/** Table name → owning module, from the `tableName` of every entity. */
export function tableOwners(srcDir: string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of tsFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('@Entity(')) continue;
    for (const match of text.matchAll(/tableName:\s*'([a-z0-9_]+)'/g)) owners.set(match[1], moduleOf(srcDir, file));
  }
  return owners;
}

/** Every place where a module's SQL names a table another module owns. */
export function crossModuleSql(srcDir: string): SqlReference[] {
  const owners = tableOwners(srcDir);
  const found: SqlReference[] = [];
  for (const file of tsFiles(srcDir)) {
    const path = relative(srcDir, file).split(sep).join('/');
    if (EXEMPT.some((dir) => path.startsWith(`${dir}/`))) continue;
    const module = moduleOf(srcDir, file);
    const seen = new Set<string>();
    for (const [literal] of readFileSync(file, 'utf8').matchAll(LITERAL)) {
      if (!SQL.test(literal)) continue;
      for (const [, table] of literal.matchAll(TABLE_AFTER)) {
        const owner = owners.get(table.toLowerCase());
        if (!owner || owner === module || seen.has(table)) continue;
        seen.add(table);
        found.push({ file: path, table, owner, module });
      }
    }
  }
  return found;
}
