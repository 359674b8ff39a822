// Admission control for GraphQL operations: at most `concurrent` execute at once, the rest wait in
// a FIFO queue. Behind per-source upstream bulkheads, more operations in flight than upstream slots
// add no throughput; they only hold parsed upstream pages longer and, under a burst (50 `_entities`
// of 50 references), overflow the per-source call queues into UPSTREAM_UNAVAILABLE errors.
//
// Each operation has a time budget (`OPERATION_DEADLINE_MS`). One that would not start in time to
// finish within it, judged by how long recent operations took, is refused at once with a retryable
// 503 instead of waiting to fail; one still waiting when its budget is spent is refused then.
// On shutdown, every operation still waiting is refused the same way.
import { AsyncResource } from "node:async_hooks";
import { performance } from "node:perf_hooks";

import { bulkhead, BulkheadRejectedError, TaskCancelledError, type BulkheadPolicy } from "cockatiel";
import type { FastifyReply } from "fastify";

import { admissionWaitStarted, recordAdmissionRejection } from "../telemetry/index.js";
import type { AdmissionLimits } from "./config.js";
import { graphqlErrorBody } from "./format-error.js";

/** nginx's "client closed request": logged for a caller that left while its operation waited. */
const CLIENT_CLOSED_REQUEST = 499;
/** Weight of the newest operation in the moving average of execution times. */
const SMOOTHING = 0.2;

/** Why a waiting operation left the queue without executing. */
type Withdrawal = "client gone" | "deadline" | "shutdown";

export class OperationAdmission {
  private readonly policy: BulkheadPolicy;
  /** Moving average of how long an admitted operation executes (0 until one has finished). */
  private typicalMs = 0;
  /** Waiting operations, so shutdown can refuse them. */
  private readonly waiting = new Set<AbortController>();
  private closed = false;

  constructor(readonly limits: AdmissionLimits) {
    this.policy = bulkhead(limits.concurrent, limits.queued);
  }

  /**
   * When an operation arriving now is expected to start: the slots free at the pace of `concurrent`
   * operations per typical execution time (Little's law), and it waits for those queued before it.
   */
  private expectedStartMs(): number {
    if (this.policy.executionSlots > 0) return 0;
    const ahead = this.limits.queued - this.policy.queueSlots;
    return ((ahead + 1) / this.limits.concurrent) * this.typicalMs;
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
    const { deadlineMs } = this.limits;
    const expectedStart = this.expectedStartMs();
    if (this.closed) return this.refuse(reply, "the service is shutting down", expectedStart);
    if (expectedStart + this.typicalMs > deadlineMs) {
      return this.refuse(
        reply,
        `it would wait about ${Math.round(expectedStart)} ms for one of ${this.limits.concurrent} slots and could not finish within its ${deadlineMs} ms budget`,
        expectedStart,
      );
    }
    const withdraw = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) withdraw.abort("client gone" satisfies Withdrawal);
    };
    reply.raw.once("close", onClose);
    const queued = this.policy.executionSlots === 0 && this.policy.queueSlots > 0;
    const wait = queued ? admissionWaitStarted() : undefined;
    let lateTimer: NodeJS.Timeout | undefined;
    if (queued) {
      this.waiting.add(withdraw);
      // The estimate was wrong (operations slowed down): one that has not started within its whole
      // budget is refused rather than left waiting to fail.
      lateTimer = setTimeout(() => withdraw.abort("deadline" satisfies Withdrawal), deadlineMs);
    }
    const admitted = async () => {
      wait?.end("admitted");
      this.waiting.delete(withdraw);
      clearTimeout(lateTimer);
      const started = performance.now();
      try {
        return await operation();
      } finally {
        const took = performance.now() - started;
        this.typicalMs = this.typicalMs === 0 ? took : this.typicalMs + SMOOTHING * (took - this.typicalMs);
      }
    };
    try {
      // The bulkhead skips a queued operation whose signal aborted (TaskCancelledError). A queued one is
      // started from the operation that frees its slot: bound, it keeps its own request's async context
      // (binding costs microseconds, so only then).
      return await this.policy.execute(queued ? AsyncResource.bind(admitted) : admitted, withdraw.signal);
    } catch (error) {
      if (error instanceof TaskCancelledError) {
        const reason = withdraw.signal.reason as Withdrawal;
        wait?.end(reason === "client gone" ? "cancelled" : "refused");
        if (reason === "client gone") {
          void reply.code(CLIENT_CLOSED_REQUEST);
          return "";
        }
        return this.refuse(
          reply,
          reason === "shutdown"
            ? "the service is shutting down"
            : `it waited for a slot for its whole ${deadlineMs} ms budget`,
          this.typicalMs,
        );
      }
      if (!(error instanceof BulkheadRejectedError)) throw error;
      return this.refuse(
        reply,
        `the service is at its limit of ${this.limits.concurrent} operations in progress and ${this.limits.queued} waiting`,
        expectedStart,
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
