// Admission control for GraphQL operations: at most `concurrent` execute at once, the rest wait in
// a FIFO queue. Behind per-source upstream bulkheads, more operations in flight than upstream slots
// add no throughput; they only hold parsed upstream pages longer and, under a burst (50 `_entities`
// of 50 references), overflow the per-source call queues into UPSTREAM_UNAVAILABLE errors.
import { AsyncResource } from "node:async_hooks";

import { bulkhead, BulkheadRejectedError, TaskCancelledError, type BulkheadPolicy } from "cockatiel";
import type { FastifyReply } from "fastify";

import { admissionWaitStarted, recordAdmissionRejection } from "../telemetry/index.js";
import type { AdmissionLimits } from "./config.js";
import { graphqlErrorBody } from "./format-error.js";

/** Seconds a refused caller is asked to wait (`Retry-After`). */
const RETRY_AFTER_SECONDS = 1;
/** nginx's "client closed request": logged for a caller that left while its operation waited. */
const CLIENT_CLOSED_REQUEST = 499;

export class OperationAdmission {
  private readonly policy: BulkheadPolicy;

  constructor(readonly limits: AdmissionLimits) {
    this.policy = bulkhead(limits.concurrent, limits.queued);
  }

  /**
   * Runs `operation` when a slot is free. A caller that disconnects while waiting leaves the queue
   * without executing; a full queue answers 503 `SERVICE_OVERLOADED` at once. Refusals are returned
   * as the serialized body, like the GraphQL handler's answers, so the operation log reads their codes.
   */
  async run<T>(reply: FastifyReply, operation: () => Promise<T>): Promise<T | string> {
    const gone = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) gone.abort();
    };
    reply.raw.once("close", onClose);
    const queued = this.policy.executionSlots === 0 && this.policy.queueSlots > 0;
    const wait = queued ? admissionWaitStarted() : undefined;
    const admitted = () => {
      wait?.end("admitted");
      return operation();
    };
    try {
      // The bulkhead skips a queued operation whose signal aborted (TaskCancelledError). A queued one is
      // started from the operation that frees its slot: bound, it keeps its own request's async context
      // (binding costs microseconds, so only then).
      return await this.policy.execute(queued ? AsyncResource.bind(admitted) : admitted, gone.signal);
    } catch (error) {
      if (error instanceof TaskCancelledError) {
        wait?.end("cancelled");
        void reply.code(CLIENT_CLOSED_REQUEST);
        return "";
      }
      if (!(error instanceof BulkheadRejectedError)) throw error;
      recordAdmissionRejection();
      void reply
        .code(503)
        .header("retry-after", String(RETRY_AFTER_SECONDS))
        .type("application/json; charset=utf-8");
      return JSON.stringify(
        graphqlErrorBody(
          `The service is at its limit of ${this.limits.concurrent} operations in progress and ${this.limits.queued} waiting; retry shortly.`,
          "SERVICE_OVERLOADED",
        ),
      );
    } finally {
      reply.raw.off("close", onClose);
    }
  }
}
