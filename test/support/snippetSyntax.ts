// Expands VS Code snippet bodies the way the editor does when every tab stop keeps its default:
// placeholders insert their default, mirrors repeat it, choices take their first option, variables
// resolve from a given map (or their default, or their own name as VS Code does). Transforms are not supported.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: Node[] | undefined }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: Node[] | undefined };

class Parser {
  private pos = 0;
  constructor(private readonly source: string) {}

  /** Parses until the end, or until an unescaped `}` when inside a placeholder. */
  parse(inside: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (ch === '\\' && '$}\\'.includes(this.source[this.pos + 1] ?? '')) {
        text += this.source[this.pos + 1];
        this.pos += 2;
      } else if (ch === '}' && inside) {
        flush();
        return nodes;
      } else if (ch === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += ch;
          this.pos++;
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    if (inside) throw new Error(`unclosed placeholder in snippet: ${this.source}`);
    flush();
    return nodes;
  }

  /** `$1`, `${1}`, `${1:…}`, `${1|a,b|}`, `$NAME`, `${NAME}`, `${NAME:…}`; undefined when `$` is literal. */
  private dollar(): Node | undefined {
    const rest = this.source.slice(this.pos + 1);
    const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (simple) {
      this.pos += 1 + simple[0].length;
      return this.reference(simple[0], undefined);
    }
    const braced = /^\{(\d+|[A-Za-z_][A-Za-z0-9_]*)([:|}/])/.exec(rest);
    if (!braced) return undefined;
    const [, name, delimiter] = braced;
    this.pos += 1 + braced[0].length;
    if (delimiter === '}') return this.reference(name, undefined);
    if (delimiter === '/') throw new Error(`snippet transforms are not supported: \${${name}/…}`);
    if (delimiter === '|') {
      if (!/^\d+$/.test(name)) throw new Error(`a choice needs a tab stop number, not ${name}`);
      return { kind: 'choice', index: Number(name), options: this.choiceOptions() };
    }
    const children = this.parse(true);
    this.pos++; // the closing `}`
    return this.reference(name, children);
  }

  private choiceOptions(): string[] {
    const options: string[] = [];
    let option = '';
    while (this.pos < this.source.length) {
      const ch = this.source[this.pos];
      if (ch === '\\' && ',|\\'.includes(this.source[this.pos + 1] ?? '')) {
        option += this.source[this.pos + 1];
        this.pos += 2;
      } else if (ch === ',') {
        options.push(option);
        option = '';
        this.pos++;
      } else if (ch === '|' && this.source[this.pos + 1] === '}') {
        options.push(option);
        this.pos += 2;
        return options;
      } else {
        option += ch;
        this.pos++;
      }
    }
    throw new Error(`unclosed choice in snippet: ${this.source}`);
  }

  private reference(name: string, children: Node[] | undefined): Node {
    return /^\d+$/.test(name) ? { kind: 'tabstop', index: Number(name), children } : { kind: 'variable', name, children };
  }
}

function parseSnippet(body: string): Node[] {
  return new Parser(body).parse(false);
}

/** The text inserted when the snippet is accepted and every tab stop keeps its default. */
export function expandSnippet(body: string | string[], variables: Record<string, string> = {}): string {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  // A tab stop's value is its first placeholder's (or choice's) default; bare mirrors repeat it.
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'choice' && !defaults.has(node.index)) defaults.set(node.index, node.options[0] ?? '');
      if ((node.kind === 'tabstop' || node.kind === 'variable') && node.children) {
        if (node.kind === 'tabstop' && !defaults.has(node.index)) defaults.set(node.index, node.children);
        collect(node.children);
      }
    }
  };
  collect(nodes);
  const render = (list: Node[], seen: number[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'choice':
            return node.options[0] ?? '';
          case 'variable':
            if (node.name in variables) return variables[node.name];
            return node.children ? render(node.children, seen) : node.name;
          case 'tabstop': {
            if (seen.includes(node.index)) throw new Error(`tab stop $${node.index} refers to itself`);
            const value = node.children ?? defaults.get(node.index) ?? '';
            return typeof value === 'string' ? value : render(value, [...seen, node.index]);
          }
        }
      })
      .join('');
  return render(nodes, []);
}
