/**
 * Clusters of documents numbered 0..n-1 (union-find with path halving): the near-duplicate rate is the number
 * of unions that joined two clusters over the documents. An Int32Array: 4 bytes a document, 16 MB at 4 million.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  /** Unions that joined two clusters: documents minus clusters. */
  joined = 0;

  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let d = 0; d < size; d++) this.parent[d] = d;
  }

  find(x: number): number {
    const p = this.parent;
    while ((p[x] ?? x) !== x) {
      const up = p[p[x] ?? x] ?? x;
      p[x] = up;
      x = up;
    }
    return x;
  }

  together(x: number, y: number): boolean {
    return this.find(x) === this.find(y);
  }

  /** Joins the clusters of x and y (the lower root stays root); true when they were separate. */
  union(x: number, y: number): boolean {
    const rx = this.find(x);
    const ry = this.find(y);
    if (rx === ry) return false;
    if (rx < ry) this.parent[ry] = rx;
    else this.parent[rx] = ry;
    this.joined++;
    return true;
  }
}
