/**
 * A scripted world for unit tests of the domain models: a fresh Simulation, named random streams,
 * a topology of two regions (`east`, `west`, 3 zones each; 0.5 ms inside a region, 80 ms between
 * them) and a Recorder fake that keeps everything it is told, so a test can assert on requests,
 * attempts, data loss and timeline notes with their simulation times.
 */
import { RandomStreams } from '../../src/engine/random.js';
import { Simulation } from '../../src/engine/sim.js';
import { AlwaysAvailable } from '../../src/models/controlPlane.js';
import { Topology } from '../../src/models/topology.js';
import type { ClientRequest, ModelContext, Recorder } from '../../src/models/types.js';

export interface DoneRequest { req: ClientRequest; endT: number; ok: boolean }
export interface DataLoss { database: string; lostWrites: number; rpoS: number; t: number }
export interface Note { t: number; kind: string; text: string }

/** A Recorder that records every call. */
export class RecordingRecorder implements Recorder {
  readonly done: DoneRequest[] = [];
  readonly attempts: number[] = [];
  readonly losses: DataLoss[] = [];
  readonly notes: Note[] = [];
  readonly workflows: Array<{ classIndex: number; ok: boolean }> = [];
  readonly phases: Array<{ t: number; phase: string; fromT: number; toT: number }> = [];
  readonly businessParts: Array<{ t: number; part: string; up: boolean }> = [];
  readonly duplicates: number[] = [];

  requestDone(req: ClientRequest, endT: number, ok: boolean): void {
    this.done.push({ req, endT, ok });
  }
  attemptSent(t: number): void {
    this.attempts.push(t);
  }
  workflowDone(classIndex: number, ok: boolean): void {
    this.workflows.push({ classIndex, ok });
  }
  dataLoss(database: string, lostWrites: number, rpoS: number, t: number): void {
    this.losses.push({ database, lostWrites, rpoS, t });
  }
  note(t: number, kind: string, text: string): void {
    this.notes.push({ t, kind, text });
  }

  phase(t: number, phase: string, fromT: number, toT: number): void {
    this.phases.push({ t, phase, fromT, toT });
  }

  businessPart(t: number, part: string, up: boolean): void {
    this.businessParts.push({ t, part, up });
  }

  duplicateWrite(t: number): void {
    this.duplicates.push(t);
  }

  /** Notes of one kind, in the order they were made. */
  notesOf(kind: string): Note[] {
    return this.notes.filter((n) => n.kind === kind);
  }
}

export const IN_REGION_RTT_S = 0.0005;
export const EAST_WEST_RTT_S = 0.08;

export interface Harness extends ModelContext {
  recorder: RecordingRecorder;
}

/** A fresh world; `seed` and `replication` key the random streams. */
export function harness(seed: number | string = 'model-test', replication = 0): Harness {
  const sim = new Simulation();
  const topology = new Topology(
    { east: 3, west: 3 },
    { rtt: { 'east~west': EAST_WEST_RTT_S }, default_rtt: 0.07, in_region_rtt: IN_REGION_RTT_S },
  );
  return { sim, streams: new RandomStreams(seed, replication), recorder: new RecordingRecorder(), topology, controlPlane: new AlwaysAvailable() };
}

/** Runs `fn` at absolute simulation time `t` (a step of the test's script). */
export function at(h: Harness, t: number, fn: () => void): void {
  h.sim.at(t, fn);
}

/** A client request as a model receives it. */
export function request(over: Partial<ClientRequest> = {}): ClientRequest {
  return { classIndex: 0, arrivalT: 0, isWrite: false, attempts: 1, shortCircuited: 0, commits: 0, done: false, degraded: false, value: 1, deferred: false, reissue: false, clientRegion: -1, session: -1, ...over };
}
