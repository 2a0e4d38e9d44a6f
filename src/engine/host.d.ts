/**
 * The few globals the engine uses beyond ECMAScript: every host it runs in (browsers, workers and
 * Node 20) provides them. tsconfig.engine.json has no DOM, WebWorker or Node types, so anything
 * else a host offers is a type error in src/engine.
 */
declare function structuredClone<T>(value: T): T;
/** The WHATWG Encoding API's decoder, as far as the engine's byte decoder uses it. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
