// A preprocessed header's tree → declared functions, records, enums, typedefs and constants.
import type { Node } from 'web-tree-sitter';
import { rangeOf } from '../../syntax/nodes';
import { evaluateIntegerExpression } from '../constExpr';
import type { CType, DeclaredConstant, DeclaredEnum, DeclaredField, DeclaredFunction, DeclaredParam, DeclaredRecord, DeclaredStatic, DeclaredTypedef, DeclarationOrigin } from '../model';
import { primitiveCType } from './cPrimitives';
import { applyNonnull, nonnullExpander } from './nonnull';
import type { MacroDefinition } from './preprocessor';

export interface HeaderDeclarations {
  functions: DeclaredFunction[];
  records: Map<string, DeclaredRecord>;
  enums: Map<string, DeclaredEnum>;
  typedefs: Map<string, DeclaredTypedef>;
  constants: DeclaredConstant[];
  /** `extern` variables: data symbols the plugin must export. */
  statics: DeclaredStatic[];
}

/** A base type and whether it is `const`-qualified (which makes a pointer to it a pointer to const). */
interface Qualified {
  type: CType;
  isConst: boolean;
}

export function extractDeclarations(root: Node, file: string, original: string, defines: readonly MacroDefinition[]): HeaderDeclarations {
  const out: HeaderDeclarations = { functions: [], records: new Map(), enums: new Map(), typedefs: new Map(), constants: [], statics: [] };
  const textOf = (node: Node) => original.slice(node.startIndex, node.endIndex);
  const originOf = (node: Node): DeclarationOrigin => ({ file, range: rangeOf(node, original), text: textOf(node) });
  const enumerators = new Map<string, bigint>();
  const expandNonnull = nonnullExpander(defines);
  let previousEnd = 0;
  const macros = new Map(defines.filter((d) => !d.functionLike).map((d) => [d.name, d.body]));
  const lookup = (name: string, depth = 0): bigint | undefined => {
    const known = enumerators.get(name);
    if (known !== undefined) return known;
    const body = macros.get(name);
    return body === undefined || depth > 16 ? undefined : evaluateIntegerExpression(body, (n) => lookup(n, depth + 1));
  };

  const baseType = (typeNode: Node | null, qualifiers: Node[], typedefName?: string): Qualified => {
    const isConst = qualifiers.some((q) => q.type === 'type_qualifier' && q.text === 'const');
    if (!typeNode) return { type: { kind: 'unknown', spelling: '' }, isConst };
    const spelling = textOf(typeNode).replace(/\s+/g, ' ');
    switch (typeNode.type) {
      case 'primitive_type':
      case 'sized_type_specifier':
        return { type: primitiveCType(spelling) ?? { kind: 'unknown', spelling }, isConst };
      case 'type_identifier': {
        const typedef = out.typedefs.get(spelling);
        if (typedef) return { type: { ...typedef.type, spelling }, isConst };
        return { type: primitiveCType(spelling) ?? { kind: 'unknown', spelling }, isConst };
      }
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier': {
        const tag = typeNode.type === 'struct_specifier' ? 'struct' : typeNode.type === 'union_specifier' ? 'union' : 'enum';
        const nameNode = typeNode.childForFieldName('name');
        const name = nameNode ? textOf(nameNode) : typedefName;
        if (typeNode.childForFieldName('body')) defineTagged(typeNode, tag, name);
        else if (name && tag !== 'enum' && !out.records.has(name)) out.records.set(name, { kind: tag, name, fields: undefined, origin: originOf(typeNode) });
        return { type: name ? { kind: 'record', tag, name, spelling } : { kind: 'unknown', spelling }, isConst };
      }
      default:
        return { type: { kind: 'unknown', spelling }, isConst };
    }
  };

  /** Applies a declarator (outermost first) to a base type: `*p`, `a[4]`, `(*f)(int)`. */
  const declare = (base: Qualified, declarator: Node | null): { name: string | undefined; type: CType; variadic: boolean } => {
    if (!declarator) return { name: undefined, type: base.type, variadic: false };
    switch (declarator.type) {
      case 'identifier':
      case 'field_identifier':
      case 'type_identifier':
        return { name: textOf(declarator), type: base.type, variadic: false };
      case 'pointer_declarator':
      case 'abstract_pointer_declarator': {
        const pointer: CType = { kind: 'pointer', pointee: base.type, constPointee: base.isConst, nullable: true, spelling: `${base.isConst ? 'const ' : ''}${base.type.spelling}*` };
        const selfConst = declarator.namedChildren.some((c) => c?.type === 'type_qualifier' && c.text === 'const');
        return declare({ type: pointer, isConst: selfConst }, declarator.childForFieldName('declarator'));
      }
      case 'array_declarator':
      case 'abstract_array_declarator': {
        const size = declarator.childForFieldName('size');
        const length = size ? evaluateIntegerExpression(textOf(size), (n) => lookup(n)) : undefined;
        const array: CType = { kind: 'array', element: base.type, length: length === undefined ? undefined : Number(length), spelling: `${base.type.spelling}[${size ? textOf(size) : ''}]` };
        return declare({ type: array, isConst: false }, declarator.childForFieldName('declarator'));
      }
      case 'function_declarator':
      case 'abstract_function_declarator': {
        const { params, variadic } = parameters(declarator.childForFieldName('parameters'));
        const fn: CType = { kind: 'function', params: params.map((p) => p.type), returnType: base.type, variadic, spelling: textOf(declarator) };
        const inner = declare({ type: fn, isConst: false }, declarator.childForFieldName('declarator'));
        return { ...inner, variadic: inner.variadic || (inner.type === fn && variadic) };
      }
      case 'parenthesized_declarator':
      case 'abstract_parenthesized_declarator':
        return declare(base, declarator.namedChildren.find((c) => c !== null && c.type !== 'type_qualifier') ?? null);
      default:
        return { name: undefined, type: { kind: 'unknown', spelling: textOf(declarator) }, variadic: false };
    }
  };

  const parameters = (list: Node | null): { params: DeclaredParam[]; variadic: boolean } => {
    const params: DeclaredParam[] = [];
    let variadic = false;
    for (const param of list?.namedChildren ?? []) {
      if (!param) continue;
      if (param.type === 'variadic_parameter') variadic = true;
      if (param.type !== 'parameter_declaration') continue;
      const declared = declare(baseType(param.childForFieldName('type'), param.namedChildren.filter((c): c is Node => c !== null)), param.childForFieldName('declarator'));
      // A parameter of array or function type is a pointer (C11 6.7.6.3).
      const type: CType = declared.type.kind === 'array' ? { kind: 'pointer', pointee: declared.type.element, constPointee: false, nullable: true, spelling: declared.type.spelling }
        : declared.type.kind === 'function' ? { kind: 'pointer', pointee: declared.type, constPointee: false, nullable: true, spelling: declared.type.spelling }
        : declared.type;
      params.push({ name: declared.name, type });
    }
    // `f(void)` takes nothing.
    if (params.length === 1 && params[0].type.kind === 'void' && params[0].name === undefined) params.length = 0;
    return { params, variadic };
  };

  const defineTagged = (node: Node, tag: 'struct' | 'union' | 'enum', name: string | undefined) => {
    if (!name) return;
    const body = node.childForFieldName('body')!;
    if (tag === 'enum') {
      if (out.enums.has(name)) return;
      const variants: DeclaredEnum['variants'] = [];
      let previous: bigint | undefined = -1n;
      for (const enumerator of body.namedChildren) {
        if (enumerator?.type !== 'enumerator') continue;
        const nameNode = enumerator.childForFieldName('name');
        const valueNode = enumerator.childForFieldName('value');
        const value: bigint | undefined = valueNode ? evaluateIntegerExpression(textOf(valueNode), (n) => lookup(n)) : previous === undefined ? undefined : previous + 1n;
        const variantName = nameNode ? textOf(nameNode) : '';
        if (value !== undefined) enumerators.set(variantName, value);
        variants.push({ name: variantName, value, range: rangeOf(enumerator, original) });
        previous = value;
      }
      out.enums.set(name, { kind: 'enum', name, variants, origin: originOf(node) });
      return;
    }
    if (out.records.get(name)?.fields) return;
    const fields: DeclaredField[] = [];
    for (const field of body.namedChildren) {
      if (field?.type !== 'field_declaration') continue;
      const typeNode = field.childForFieldName('type');
      const declarators = field.childrenForFieldName('declarator').filter((d): d is Node => d !== null);
      // An anonymous member (`union { A_Body a; B_Body b; };`, as cbindgen writes a data-carrying enum):
      // a field without a name whose type is that struct or union.
      if (declarators.length === 0 && typeNode && /^(?:struct|union)_specifier$/.test(typeNode.type) && !typeNode.childForFieldName('name') && typeNode.childForFieldName('body')) {
        const anonymous = baseType(typeNode, [], `${name}::${fields.length}`);
        fields.push({ name: '', type: anonymous.type, range: rangeOf(field, original) });
        continue;
      }
      const base = baseType(typeNode, field.namedChildren.filter((c): c is Node => c !== null));
      for (const declarator of declarators) {
        const declared = declare(base, declarator);
        fields.push({ name: declared.name ?? '', type: declared.type, range: rangeOf(field, original) });
      }
    }
    out.records.set(name, { kind: tag, name, fields, origin: originOf(node) });
  };

  const visit = (node: Node) => {
    switch (node.type) {
      case 'translation_unit':
      case 'linkage_specification':
      case 'declaration_list':
        for (const child of node.namedChildren) {
          if (!child) continue;
          visit(child);
          previousEnd = child.endIndex;
        }
        return;
      case 'struct_specifier':
      case 'union_specifier':
      case 'enum_specifier':
        baseType(node, []);
        return;
      case 'type_definition': {
        const typeNode = node.childForFieldName('type');
        for (const declarator of node.childrenForFieldName('declarator').filter((d): d is Node => d !== null)) {
          const typedefName = innermostName(declarator);
          const base = baseType(typeNode, node.namedChildren.filter((c): c is Node => c !== null), typedefName);
          const declared = declare(base, declarator);
          if (declared.name && !out.typedefs.has(declared.name)) out.typedefs.set(declared.name, { kind: 'typedef', name: declared.name, type: declared.type, origin: originOf(node) });
        }
        return;
      }
      case 'declaration': {
        const base = baseType(node.childForFieldName('type'), node.namedChildren.filter((c): c is Node => c !== null));
        // `extern const int plugin_limit;` declares a variable the plugin defines; without `extern` it would be
        // a definition (and a header defining one is unusual enough not to guess about).
        const isExtern = node.namedChildren.some((c) => c?.type === 'storage_class_specifier' && c.text === 'extern');
        for (const declarator of node.childrenForFieldName('declarator').filter((d): d is Node => d !== null)) {
          const declared = declare(base, declarator);
          if (declared.type.kind !== 'function' && declared.name && isExtern && !out.statics.some((v) => v.name === declared.name)) {
            out.statics.push({ kind: 'static', name: declared.name, type: declared.type, optional: false, origin: originOf(node) });
          }
          if (declared.type.kind !== 'function' || !declared.name || out.functions.some((f) => f.name === declared.name)) continue;
          out.functions.push({
            kind: 'function',
            name: declared.name,
            params: withNonnull(node, declarator, parameterNames(declarator, declared.type)),
            returnType: declared.type.returnType,
            variadic: declared.type.variadic,
            optional: false,
            origin: originOf(node),
          });
        }
        return;
      }
      default:
        return;
    }
  };

  /** The function declarator that holds the function's own name and parameters. */
  const ownFunctionDeclarator = (declarator: Node): Node | null => {
    let current: Node | null = declarator;
    while (current && current.type !== 'function_declarator') current = current.childForFieldName('declarator') ?? current.namedChildren.find((c) => c?.type.endsWith('declarator')) ?? null;
    let fnDeclarator: Node | null = current;
    // `void (*get_cb(void))(int)`: the innermost function declarator is the function's own.
    for (let inner = current?.childForFieldName('declarator'); inner; inner = inner.childForFieldName('declarator') ?? inner.namedChildren.find((c) => c?.type.endsWith('declarator')) ?? null) {
      if (inner.type === 'function_declarator') fnDeclarator = inner;
    }
    return fnDeclarator;
  };

  /** Names of the function's own parameters. */
  const parameterNames = (declarator: Node, type: Extract<CType, { kind: 'function' }>): DeclaredParam[] => {
    const fnDeclarator = ownFunctionDeclarator(declarator);
    const names = fnDeclarator ? parameters(fnDeclarator.childForFieldName('parameters')).params.map((p) => p.name) : [];
    return type.params.map((paramType, index) => ({ name: names[index], type: paramType }));
  };

  /** Nonnull annotations before the prototype (since the previous declaration), after it, or on a parameter. */
  const withNonnull = (node: Node, declarator: Node, params: DeclaredParam[]): DeclaredParam[] => {
    const list = ownFunctionDeclarator(declarator)?.childForFieldName('parameters');
    if (!list || params.length === 0) return params;
    const outside = original.slice(previousEnd, list.startIndex) + original.slice(list.endIndex, node.endIndex);
    const texts = list.namedChildren.filter((c): c is Node => c?.type === 'parameter_declaration').map(textOf);
    return applyNonnull(params, outside, texts, expandNonnull);
  };

  visit(root);
  for (const define of defines) {
    if (define.functionLike) continue;
    const value = lookup(define.name);
    if (value !== undefined) out.constants.push({ kind: 'constant', name: define.name, value, origin: { file, range: define.range, text: define.text } });
  }
  return out;
}

function innermostName(declarator: Node): string | undefined {
  let current: Node | null = declarator;
  while (current) {
    if (current.type === 'type_identifier' || current.type === 'identifier') return current.text;
    current = current.childForFieldName('declarator') ?? current.namedChildren.find((c) => c !== null && c.type !== 'type_qualifier') ?? null;
  }
  return undefined;
}
