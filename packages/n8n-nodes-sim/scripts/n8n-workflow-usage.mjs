// Which properties of `n8n-workflow` a built file takes at run time: every `require("n8n-workflow")`
// (also wrapped, as esbuild's `__toESM(require(…))`) and `import … from "n8n-workflow"`, followed
// through the variable it is bound to to every property read on it (`import_n8n_workflow.sleep`,
// `(0, import_n8n_workflow2.sleep)(…)`, `x["name"]`, destructuring). Any other use of the module
// object (passed on, spread, computed with a non-literal key) is reported as a problem, since its
// properties cannot be listed. Uses ESLint's parser and scope analysis (eslint is a devDependency).
//
// n8n gives a community node the host's own n8n-workflow, so every name listed here must exist in
// every n8n-workflow line the package supports (see test/workflow-exports.test.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Linter } from 'eslint';

const MODULE = 'n8n-workflow';

function isModuleRequire(node) {
  return (
    node?.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0].type === 'Literal' &&
    node.arguments[0].value === MODULE
  );
}

function propertyName(member) {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

function patternNames(pattern, problem) {
  const names = [];
  for (const property of pattern.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier')
      names.push(property.key.name);
    else if (property.type === 'Property' && property.key.type === 'Literal') names.push(String(property.key.value));
    else problem(property, 'a rest or computed destructuring of n8n-workflow');
  }
  return names;
}

/** { names: string[] (sorted, unique), problems: string[] } for one file's source text. */
export function n8nWorkflowUsage(code, { file = 'file.js', sourceType = 'commonjs' } = {}) {
  const names = new Set();
  const problems = [];
  const rule = {
    create(context) {
      const problem = (node, what) => problems.push(`${file}:${node.loc.start.line}: ${what}`);
      const followVariables = (declaring) => {
        for (const variable of context.sourceCode.getDeclaredVariables(declaring)) {
          for (const reference of variable.references) {
            if (reference.init) continue;
            const parent = reference.identifier.parent;
            if (parent.type === 'MemberExpression' && parent.object === reference.identifier) {
              const name = propertyName(parent);
              if (name === undefined) problem(parent, 'a computed property of n8n-workflow');
              else names.add(name);
            } else {
              problem(reference.identifier, `n8n-workflow used as a whole (${parent.type})`);
            }
          }
        }
      };
      return {
        CallExpression(node) {
          if (!isModuleRequire(node)) return;
          // esbuild wraps it as __toESM(require("n8n-workflow")) when a default import is involved
          const wrapper = node.parent;
          const wrapped =
            wrapper.type === 'CallExpression' &&
            wrapper.arguments[0] === node &&
            wrapper.callee.type === 'Identifier' &&
            /^__to/.test(wrapper.callee.name);
          const expr = wrapped ? wrapper : node;
          const user = expr.parent;
          if (user.type === 'VariableDeclarator' && user.init === expr && user.id.type === 'Identifier')
            followVariables(user);
          else if (user.type === 'VariableDeclarator' && user.init === expr && user.id.type === 'ObjectPattern')
            for (const n of patternNames(user.id, problem)) names.add(n);
          else if (user.type === 'MemberExpression' && user.object === expr) {
            const name = propertyName(user);
            if (name === undefined) problem(user, 'a computed property of n8n-workflow');
            else names.add(name);
          } else problem(node, `require("n8n-workflow") used as a whole (${user.type})`);
        },
        ImportDeclaration(node) {
          if (node.source.value !== MODULE) return;
          for (const specifier of node.specifiers) {
            if (specifier.type === 'ImportSpecifier') names.add(specifier.imported.name ?? specifier.imported.value);
            else if (specifier.type === 'ImportDefaultSpecifier') names.add('default');
          }
          if (node.specifiers.some((s) => s.type === 'ImportNamespaceSpecifier')) followVariables(node);
        },
        'ExportAllDeclaration, ExportNamedDeclaration'(node) {
          if (node.source?.value === MODULE) problem(node, 're-exports n8n-workflow');
        },
        ImportExpression(node) {
          if (node.source.type === 'Literal' && node.source.value === MODULE) problem(node, 'import("n8n-workflow")');
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js'],
        languageOptions: { ecmaVersion: 'latest', sourceType },
        plugins: { local: { rules: { 'n8n-workflow-usage': rule } } },
        rules: { 'local/n8n-workflow-usage': 'error' },
      },
    ],
    { filename: 'file.js' },
  );
  for (const message of messages)
    if (message.fatal) problems.push(`${file}:${message.line}: cannot parse: ${message.message}`);
  return { names: [...names].sort(), problems };
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Every n8n-workflow property the `.js` files under `dir` take, and where: { uses: Map<name, files[]>, problems }.
 * `.mjs` files are read as ES modules, all other `.js` as CommonJS (what esbuild emits here).
 */
export function n8nWorkflowUsageInDir(dir) {
  const uses = new Map();
  const problems = [];
  for (const path of walk(dir).filter((f) => /\.(c|m)?js$/.test(f))) {
    const file = relative(dir, path);
    const result = n8nWorkflowUsage(readFileSync(path, 'utf8'), {
      file,
      sourceType: path.endsWith('.mjs') ? 'module' : 'commonjs',
    });
    problems.push(...result.problems);
    for (const name of result.names) uses.set(name, [...(uses.get(name) ?? []), file]);
  }
  return { uses, problems };
}

/** The names in `uses` missing from a loaded n8n-workflow module: [{ name, files }]. */
export function missingExports(uses, workflowModule) {
  return [...uses].filter(([name]) => !(name in workflowModule)).map(([name, files]) => ({ name, files }));
}
