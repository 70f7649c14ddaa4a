/** Types of process-tree.mjs, for the TypeScript tests that stop process trees with it. */
export declare function processTree(pid: number): number[];
export declare function killTree(pid: number, graceMs?: number): Promise<number[]>;
