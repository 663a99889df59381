// A transpiled component instantiated in the wasm child: jco's generated JavaScript is imported from memory (a
// data: URL, no file is written), its core modules compiled from the transpile result, and every import is a
// stub that records its calls (as the native loader's host stubs do) and returns the invented value of its
// result type. WASI interfaces (a wasm32-wasip1 guest through the preview1 adapter) are preview2-shim's, with no
// file system, environment or arguments (wasmChild.ts sets that up); sockets and HTTP get recording stubs: no
// network. The guest's own linear memory is kept for the leak check.
import * as shim from '@bytecodealliance/preview2-shim';
import type { HostCallRecord } from './wasmProtocol';
import type { WasmImport, WasmProbe } from './witPlan';
import { lowerCamel, valueText } from './witValues';
import { wasm, type WasmInstance, type WasmMemory, type WasmModule } from './webAssembly';

/** Argument lists kept per host function, as for native host stubs. */
const CALLS_RECORDED = 20;
const MAIN_MODULE = 'guest.core.wasm';

type Fn = (...args: unknown[]) => unknown;

interface GuestModule {
  instantiate(getCoreModule: (path: string) => Promise<WasmModule>, imports: unknown, instantiateCore: (module: WasmModule, imports: Record<string, Record<string, unknown>>) => Promise<WasmInstance>): Promise<Record<string, unknown>>;
}

export interface Guest {
  exportNames: string[];
  /** The WASI interfaces jco asked for (`wasi:cli/environment`), given preview2-shim's implementation. */
  wasi: string[];
  function(probe: WasmProbe): Fn | undefined;
  memoryBytes(): number;
  hostCalls(): HostCallRecord[];
}

/** `previous`: the instance a trap poisoned; its recorded host calls carry over. */
export async function instantiateGuest(files: Record<string, Uint8Array>, imports: readonly WasmImport[], previous?: Guest): Promise<Guest> {
  const source = files['guest.js'];
  if (!source) throw new Error('jco produced no guest.js');
  const module = (await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`)) as GuestModule;
  const records = new Map<string, HostCallRecord>(previous?.hostCalls().map((r) => [r.name, { ...r, arguments: [...r.arguments] }]));
  for (const i of imports) {
    const name = importName(i);
    if (!records.has(name)) records.set(name, { name, declaredAt: i.declaredAt, calls: 0, arguments: [] });
  }
  const stub = (key: string, fn: string): Fn => {
    const declared = imports.find((i) => i.js === fn && (i.interfaceName === '$root' ? key === fn || key === '$root' : withoutVersion(i.interfaceName) === withoutVersion(key)));
    const name = declared ? importName(declared) : `${key}#${fn}`;
    return (...args: unknown[]) => {
      const record = records.get(name) ?? records.set(name, { name, declaredAt: 'not in the WIT read', calls: 0, arguments: [] }).get(name)!;
      record.calls++;
      if (record.arguments.length < CALLS_RECORDED) record.arguments.push(args.map((a, n) => valueText(a, declared?.params[n])));
      return declared?.returns;
    };
  };
  const wasi = new Set<string>();
  const instanceProxy = (key: string) => {
    const provided = wasiInterface(key);
    if (provided) {
      wasi.add(withoutVersion(key));
      return provided;
    }
    return new Proxy({}, { get: (_t, fn) => (typeof fn === 'string' ? stub(key, fn) : undefined), has: () => true });
  };
  const importObject = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? instanceProxy(key) : undefined), has: () => true });
  const modules = new Map<WasmModule, string>();
  let memory: WasmMemory | undefined;
  const exports = await module.instantiate(
    async (path) => {
      const bytes = files[path];
      if (!bytes) throw new Error(`jco's bindings ask for ${path}, which transpile did not produce`);
      const compiled = await wasm.compile(bytes);
      modules.set(compiled, path);
      return compiled;
    },
    importObject,
    async (compiled, coreImports) => {
      const instance = await wasm.instantiate(compiled, coreImports);
      const exported = instance.exports.memory ?? Object.values(instance.exports).find((e) => e instanceof wasm.Memory);
      if (modules.get(compiled) === MAIN_MODULE && exported instanceof wasm.Memory) memory = exported;
      return instance;
    },
  );
  return {
    exportNames: Object.keys(exports),
    wasi: [...wasi].sort(),
    function(probe) {
      const owner = probe.instance.length === 0 ? exports : probe.instance.map((k) => exports[k]).find((v) => typeof v === 'object' && v !== null);
      const fn = owner && (owner as Record<string, unknown>)[probe.fn];
      return typeof fn === 'function' ? (fn as Fn).bind(owner) : undefined;
    },
    memoryBytes: () => memory?.buffer.byteLength ?? 0,
    hostCalls: () => [...records.values()],
  };
}

const SHIMMED: Record<string, Record<string, unknown>> = { cli: shim.cli, clocks: shim.clocks, filesystem: shim.filesystem, io: shim.io, random: shim.random };

/** preview2-shim's implementation of `wasi:pkg/iface@v`; undefined for sockets, HTTP and what it lacks. */
function wasiInterface(key: string): unknown {
  const m = /^wasi:([a-z-]+)\/([a-z-]+)(@.*)?$/.exec(key);
  const found = m ? SHIMMED[m[1]]?.[lowerCamel(m[2])] : undefined;
  return typeof found === 'object' && found !== null ? found : undefined;
}

function importName(i: WasmImport): string {
  return i.interfaceName === '$root' ? i.name : `${i.interfaceName}#${i.name}`;
}

function withoutVersion(name: string): string {
  return name.replace(/@[^/#]*$/, '');
}
