export declare const layers: readonly (readonly string[])[];
export declare const sameLayer: Readonly<Record<string, readonly string[]>>;
export declare const webMayImport: readonly string[];
export declare const lazyEntries: Readonly<Record<string, readonly string[]>>;
