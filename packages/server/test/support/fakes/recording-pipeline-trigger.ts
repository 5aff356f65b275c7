import type { PipelineJob, PipelineTrigger } from "../../../src/ports/pipeline-trigger.js";

/** `PipelineTrigger` that records what it was asked to queue; `failNext` simulates a queue outage. */
export class RecordingPipelineTrigger implements PipelineTrigger {
  readonly jobs: PipelineJob[] = [];
  private failure: Error | undefined;

  failNext(error: Error = new Error("queue unavailable")): void {
    this.failure = error;
  }

  async enqueue(job: PipelineJob): Promise<void> {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
    this.jobs.push({ ...job });
  }
}
