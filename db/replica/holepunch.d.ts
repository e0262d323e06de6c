// The part of Autobase 7 and Corestore 7 (plain JavaScript packages) that db/replica/engine.ts uses. Only that
// file imports these modules; nothing else in Ordelog sees the engine's types.

declare module 'corestore' {
  import type { Duplex } from 'node:stream';

  interface CoreSession {
    readonly key: Buffer;
    readonly length: number;
    readonly contiguousLength: number;
    readonly signedLength: number;
    ready(): Promise<void>;
    close(): Promise<void>;
    get(index: number, options?: { wait?: boolean; timeout?: number }): Promise<unknown>;
    download(range: { start: number; end: number }): { done(): Promise<void> };
  }

  interface CorestoreOptions {
    allowBackup?: boolean;
    primaryKey?: Buffer;
    unsafe?: boolean;
  }

  class Corestore {
    constructor(directory: string, options?: CorestoreOptions);
    /** The store's secret seed, from which every core's key pair of this laptop derives (set once ready). */
    readonly primaryKey: Buffer | null;
    createKeyPair(name: string): Promise<{ publicKey: Buffer; secretKey: Buffer }>;
    ready(): Promise<void>;
    close(): Promise<void>;
    namespace(name: string): Corestore;
    get(options: { key: Buffer } | { name: string }): CoreSession;
    replicate(isInitiator: boolean): Duplex;
  }

  export = Corestore;
}

declare module 'autobase' {
  import type Corestore from 'corestore';

  interface ViewCore {
    readonly key: Buffer;
    readonly length: number;
    readonly signedLength: number;
    get(index: number): Promise<unknown>;
    append(value: unknown): Promise<void>;
  }

  interface ApplyNode {
    value: unknown;
    from: { key: Buffer };
  }

  interface ApplyHost {
    ackWriter(key: Buffer): Promise<void>;
  }

  interface AutobaseOptions<View> {
    valueEncoding: 'json';
    encryptionKey: Buffer;
    optimistic: boolean;
    ackInterval: number;
    fastForward: boolean;
    open(store: { get(name: string, options: { valueEncoding: 'json' }): ViewCore }): View;
    apply(nodes: ApplyNode[], view: View, host: ApplyHost): Promise<void>;
  }

  class Autobase<View> {
    constructor(store: Corestore, bootstrap: Buffer | null, options: AutobaseOptions<View>);
    readonly key: Buffer;
    readonly writable: boolean;
    readonly isIndexer: boolean;
    readonly view: View;
    readonly local: { readonly key: Buffer; readonly length: number };
    readonly core: { readonly key: Buffer };
    readonly system: { list(): AsyncIterable<{ key: Buffer; length: number }>; get(key: Buffer): Promise<{ key: Buffer; length: number } | null> };
    ready(): Promise<void>;
    close(): Promise<void>;
    append(value: unknown, options?: { optimistic?: boolean }): Promise<void>;
    update(): Promise<void>;
    ack(): Promise<void>;
    hintWakeup(hints: { key: Buffer; length: number }[]): void;
  }

  export = Autobase;
}
