// Admission control for GraphQL operations: at most `concurrent` execute at once, the rest wait in
// a FIFO queue. Behind per-source upstream bulkheads, more operations in flight than upstream slots
// add no throughput; they only hold parsed upstream pages longer and, under a burst (50 `_entities`
// of 50 references), overflow the per-source call queues into UPSTREAM_UNAVAILABLE errors.
//
// Each operation has a time budget (`OPERATION_DEADLINE_MS`). One that would not start in time to
// finish within it, judged by how long recent operations took, is refused at once with a retryable
// 503 instead of waiting to fail; one still waiting when its budget is spent is refused then. On
// shutdown, every operation still waiting is refused the same way.
import { performance } from "node:perf_hooks";

import type { FastifyReply } from "fastify";

import { admissionWaitStarted, recordAdmissionRejection } from "../telemetry/index.js";
import type { AdmissionLimits } from "./config.js";
import { graphqlErrorBody } from "./format-error.js";
import { FifoSlots } from "../shared/fifo-slots.js";

/** nginx's "client closed request": logged for a caller that left while its operation waited. */
const CLIENT_CLOSED_REQUEST = 499;
/** Weight of the newest operation in the moving average of execution times. */
const SMOOTHING = 0.2;

/** Why a waiting operation left the queue without executing. */
type Withdrawal = "client gone" | "deadline" | "shutdown";

export class OperationAdmission {
  private readonly slots: FifoSlots;
  /** Moving average of how long an admitted operation executes (0 until one has finished). */
  private typicalMs = 0;
  /** Waiting operations, so shutdown can refuse them. */
  private readonly waiting = new Set<AbortController>();
  private closed = false;

  constructor(readonly limits: AdmissionLimits) {
    this.slots = new FifoSlots(limits.concurrent);
  }

  /**
   * When an operation arriving now is expected to start: the slots free at the pace of `concurrent`
   * operations per typical execution time (Little's law), and it waits for those queued before it.
   */
  private expectedStartMs(): number {
    if (this.slots.free > 0) return 0;
    return ((this.slots.waiting + 1) / this.limits.concurrent) * this.typicalMs;
  }

  /** Refuses every operation still waiting, and every new one (work not started, at shutdown). */
  close(): void {
    this.closed = true;
    for (const waiting of this.waiting) waiting.abort("shutdown" satisfies Withdrawal);
  }

  /**
   * Runs `operation` when a slot is free and it can still finish within its budget. A caller that
   * disconnects while waiting leaves the queue without executing; one that cannot start in time, a
   * full queue and a closing server answer 503 `SERVICE_OVERLOADED` with `Retry-After`. Refusals are
   * returned as the serialized body, like the GraphQL handler's answers, so the operation log reads
   * their codes.
   */
  async run<T>(reply: FastifyReply, operation: () => Promise<T>): Promise<T | string> {
    const { concurrent, queued, deadlineMs } = this.limits;
    const expectedStart = this.expectedStartMs();
    if (this.closed) return this.refuse(reply, "the service is shutting down", expectedStart);
    if (this.slots.free === 0 && this.slots.waiting >= queued) {
      return this.refuse(
        reply,
        `the service is at its limit of ${concurrent} operations in progress and ${queued} waiting`,
        expectedStart,
      );
    }
    if (expectedStart + this.typicalMs > deadlineMs) {
      return this.refuse(
        reply,
        `it would wait about ${Math.round(expectedStart)} ms for one of ${concurrent} slots and could not finish within its ${deadlineMs} ms budget`,
        expectedStart,
      );
    }
    if (!this.slots.tryAcquire()) {
      const refusal = await this.waitForSlot(reply);
      if (refusal !== undefined) return refusal;
    }
    const started = performance.now();
    try {
      return await operation();
    } finally {
      this.slots.release();
      const took = performance.now() - started;
      this.typicalMs = this.typicalMs === 0 ? took : this.typicalMs + SMOOTHING * (took - this.typicalMs);
    }
  }

  /** Waits for a slot; the answer for the caller when it has to leave the queue instead. */
  private async waitForSlot(reply: FastifyReply): Promise<string | undefined> {
    const { deadlineMs } = this.limits;
    const withdraw = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) withdraw.abort("client gone" satisfies Withdrawal);
    };
    reply.raw.once("close", onClose);
    this.waiting.add(withdraw);
    // The estimate was wrong (operations slowed down): one that has not started within its whole
    // budget is refused rather than left waiting to fail.
    const lateTimer = setTimeout(() => withdraw.abort("deadline" satisfies Withdrawal), deadlineMs);
    const wait = admissionWaitStarted();
    try {
      await this.slots.acquire(withdraw.signal);
      wait.end("admitted");
      return undefined;
    } catch (reason) {
      if (reason === ("client gone" satisfies Withdrawal)) {
        wait.end("cancelled");
        void reply.code(CLIENT_CLOSED_REQUEST);
        return "";
      }
      wait.end("refused");
      return this.refuse(
        reply,
        reason === ("shutdown" satisfies Withdrawal)
          ? "the service is shutting down"
          : `it waited for a slot for its whole ${deadlineMs} ms budget`,
        this.typicalMs,
      );
    } finally {
      this.waiting.delete(withdraw);
      clearTimeout(lateTimer);
      reply.raw.off("close", onClose);
    }
  }

  private refuse(reply: FastifyReply, why: string, retryAfterMs: number): string {
    recordAdmissionRejection();
    void reply
      .code(503)
      .header("retry-after", String(Math.max(1, Math.ceil(retryAfterMs / 1000))))
      .type("application/json; charset=utf-8");
    return JSON.stringify(
      graphqlErrorBody(`Operation refused: ${why}; retry shortly.`, "SERVICE_OVERLOADED"),
    );
  }
}
