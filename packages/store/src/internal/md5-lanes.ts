// Node has WebAssembly; TypeScript declares it only in the DOM library, which this project leaves out.
declare global {
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports: object);
      readonly exports: Record<string, unknown>;
    }
    interface Memory {
      readonly buffer: ArrayBuffer;
    }
    function validate(bytes: Uint8Array): boolean;
  }
}

/**
 * MD5 of several streams at once over the `md5x4` WebAssembly kernel: each stream gets a lane,
 * lanes are grouped by four, and a group's pending whole blocks are hashed together. A stream that
 * falls behind just sits out a call (its state is put back afterwards), so streams need not keep pace.
 *
 * The class is self-contained (no imports, no outside names): the download worker is evaluated from
 * a string and takes this class as its source text.
 */
export class Md5Lanes {
  /** Bytes a lane holds before its group is hashed. */
  static readonly REGION = 2 * 1024 * 1024;
  /** Past this many waiting bytes a lane asks its stream to pause until the group is hashed together. */
  static readonly HIGH_WATER = 1024 * 1024;
  /** How long paused lanes wait for the rest of their group before they are hashed with fewer lanes. */
  static readonly PATIENCE_MS = 20;
  // Room past a region for the padding of a last block.
  static readonly SLACK = 128;
  static readonly GROUPS = 2;

  readonly capacity = 4 * Md5Lanes.GROUPS;
  private readonly kernel: (state: number, p0: number, p1: number, p2: number, p3: number, blocks: number) => void;
  private readonly mem: Uint8Array;
  private readonly view: DataView;
  private readonly open: boolean[];
  /** Per lane: bytes waiting in its region, bytes of it already hashed, and the stream's length so far. */
  private readonly fill: number[];
  private readonly used: number[];
  private readonly length: number[];
  /** Per lane: what resumes its paused stream. Per group: the timer that stops waiting for laggards. */
  private readonly paused: ((() => void) | undefined)[];
  private readonly timers: (ReturnType<typeof setTimeout> | undefined)[];

  /** `module` is `md5x4Module(Md5Lanes.pages(reserved))`; its first `reserved` bytes are the kernel's own. */
  constructor(
    module: WebAssembly.Module,
    private readonly reserved: number,
  ) {
    const exports = new WebAssembly.Instance(module, {}).exports as unknown as { md5x4: Md5Lanes['kernel']; memory: WebAssembly.Memory };
    this.kernel = exports.md5x4;
    this.mem = new Uint8Array(exports.memory.buffer);
    this.view = new DataView(exports.memory.buffer);
    this.open = new Array(this.capacity).fill(false);
    this.fill = new Array(this.capacity).fill(0);
    this.used = new Array(this.capacity).fill(0);
    this.length = new Array(this.capacity).fill(0);
    this.paused = new Array(this.capacity).fill(undefined);
    this.timers = new Array(Md5Lanes.GROUPS).fill(undefined);
  }

  /** 64 KiB pages the kernel's memory needs: the group states, then one region per lane. */
  static pages(reserved: number): number {
    return Math.ceil((reserved + 64 * Md5Lanes.GROUPS + 4 * Md5Lanes.GROUPS * (Md5Lanes.REGION + Md5Lanes.SLACK)) / 65536);
  }

  /** Where group `g`'s state vectors are. */
  private stateAt(g: number): number {
    return this.reserved + 64 * g;
  }

  private regionAt(lane: number): number {
    return this.reserved + 64 * Md5Lanes.GROUPS + lane * (Md5Lanes.REGION + Md5Lanes.SLACK);
  }

  /** A lane for a new stream, or -1 when every lane is taken (hash that stream another way). */
  start(): number {
    const lane = this.open.indexOf(false);
    if (lane < 0) return -1;
    this.open[lane] = true;
    this.fill[lane] = 0;
    this.used[lane] = 0;
    this.length[lane] = 0;
    const init = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for (const [i, word] of init.entries()) this.setWord(lane, i, word);
    return lane;
  }

  /**
   * Feeds the lane. Returns false once it holds HIGH_WATER bytes: the stream should stop reading and
   * call `whenReady`, so that its group is hashed when every lane has bytes, not one lane at a time
   * (a lane hashed alone costs as much as four). Bytes fed anyway are still taken.
   */
  update(lane: number, bytes: Uint8Array): boolean {
    this.length[lane] = (this.length[lane] as number) + bytes.length;
    let at = 0;
    while (at < bytes.length) {
      let room = Md5Lanes.REGION - (this.fill[lane] as number);
      if (room === 0) {
        this.hashGroup(lane >> 2);
        room = Md5Lanes.REGION - (this.fill[lane] as number);
      }
      const n = Math.min(room, bytes.length - at);
      this.mem.set(bytes.subarray(at, at + n), this.regionAt(lane) + (this.fill[lane] as number));
      this.fill[lane] = (this.fill[lane] as number) + n;
      at += n;
    }
    return (this.fill[lane] as number) - (this.used[lane] as number) < Md5Lanes.HIGH_WATER;
  }

  /**
   * Calls `resume` (never synchronously) once the paused lane has room again: when every open lane of
   * its group is paused, the group is hashed at once; otherwise after PATIENCE_MS at the latest.
   */
  whenReady(lane: number, resume: () => void): void {
    this.paused[lane] = resume;
    this.settle(lane >> 2);
  }

  /** Hashes group `g` and resumes its paused lanes when none of its open lanes is still reading. */
  private settle(g: number): void {
    const lanes = [0, 1, 2, 3].map((i) => 4 * g + i).filter((l) => this.open[l]);
    if (!lanes.some((l) => this.paused[l])) return;
    // All waiting: one call at full width, as far as the shortest lane goes; what is left is under HIGH_WATER.
    if (lanes.every((l) => this.paused[l])) this.flush(g, true);
    else this.timers[g] ??= setTimeout(() => this.flush(g, false), Md5Lanes.PATIENCE_MS);
  }

  private flush(g: number, once: boolean): void {
    clearTimeout(this.timers[g]);
    this.timers[g] = undefined;
    this.hashGroup(g, undefined, once);
    for (let l = 4 * g; l < 4 * g + 4; l++) {
      const resume = this.paused[l];
      this.paused[l] = undefined;
      if (resume) queueMicrotask(resume);
    }
  }

  /** The stream's MD5 as hex; frees the lane. */
  digest(lane: number): string {
    this.hashGroup(lane >> 2);
    const base = this.regionAt(lane);
    let end = this.fill[lane] as number;
    const bits = (this.length[lane] as number) * 8;
    this.mem[base + end++] = 0x80;
    while (end % 64 !== 56) this.mem[base + end++] = 0;
    this.view.setUint32(base + end, bits >>> 0, true);
    this.view.setUint32(base + end + 4, Math.floor(bits / 2 ** 32), true);
    end += 8;
    this.fill[lane] = end;
    this.hashGroup(lane >> 2, lane);
    let hex = '';
    for (let i = 0; i < 4; i++) {
      const word = this.word(lane, i);
      for (let j = 0; j < 4; j++) hex += ((word >>> (8 * j)) & 0xff).toString(16).padStart(2, '0');
    }
    this.release(lane);
    return hex;
  }

  /** Gives the lane back without a digest (a failed download). */
  release(lane: number): void {
    this.open[lane] = false;
    this.fill[lane] = 0;
    this.used[lane] = 0;
    this.paused[lane] = undefined;
    // The lanes left may all be waiting on this one.
    this.settle(lane >> 2);
  }

  /**
   * Hashes every whole block waiting in group `g` (only lane `only`'s, when given; with `once`, only
   * as far as the shortest lane goes), then moves what is left of each region to its start.
   */
  private hashGroup(g: number, only?: number, once = false): void {
    const lanes = [0, 1, 2, 3].map((i) => 4 * g + i);
    const waiting = (l: number) => (this.open[l] && (only === undefined || l === only) ? ((this.fill[l] as number) - (this.used[l] as number)) >> 6 : 0);
    for (;;) {
      const active = lanes.filter((l) => waiting(l) > 0);
      if (active.length === 0) break;
      const blocks = Math.min(...active.map(waiting));
      // Lanes sitting out read their own region (any bytes will do) and get their state back after.
      const saved = lanes.filter((l) => !active.includes(l)).map((l) => [l, [0, 1, 2, 3].map((i) => this.word(l, i))] as const);
      const at = lanes.map((l) => this.regionAt(l) + (active.includes(l) ? (this.used[l] as number) : 0));
      this.kernel(this.stateAt(g), at[0] as number, at[1] as number, at[2] as number, at[3] as number, blocks);
      for (const [l, words] of saved) for (const [i, w] of words.entries()) this.setWord(l, i, w);
      for (const l of active) this.used[l] = (this.used[l] as number) + 64 * blocks;
      if (once) break;
    }
    for (const l of lanes) {
      const used = this.used[l] as number;
      if (used === 0) continue;
      const base = this.regionAt(l);
      this.mem.copyWithin(base, base + used, base + (this.fill[l] as number));
      this.fill[l] = (this.fill[l] as number) - used;
      this.used[l] = 0;
    }
  }

  // Word i (A, B, C, D) of lane `lane`: group state vector i, 32-bit lane `lane % 4`.
  private word(lane: number, i: number): number {
    return this.view.getUint32(this.stateAt(lane >> 2) + 16 * i + 4 * (lane & 3), true);
  }

  private setWord(lane: number, i: number, value: number): void {
    this.view.setUint32(this.stateAt(lane >> 2) + 16 * i + 4 * (lane & 3), value >>> 0, true);
  }
}
