import type {
  AnyStage,
  CommitStage,
  HoldStage,
  OptionalStage,
  Pipeline,
  SplitStage,
  TransformStage,
} from './types';

/**
 * Builds a pipeline as a readable, typed list of stages: each stage's input is the previous one's
 * output, a split hands its parts to child jobs that continue with the next stage, and the list ends with
 * the one commit stage.
 *
 *   definePipeline<Source>('intake', ['documentUuid']).then(detect).then(normalize).split(split)…commit(commit)
 */
export function definePipeline<Start>(name: string, identities: readonly string[]): PipelineBuilder<Start> {
  return new PipelineBuilder<Start>(name, identities, []);
}

export class PipelineBuilder<Current> {
  constructor(
    private readonly name: string,
    private readonly identities: readonly string[],
    private readonly stages: readonly AnyStage[],
  ) {}

  private add<Next>(stage: AnyStage): PipelineBuilder<Next> {
    if (this.stages.some((s) => s.name === stage.name)) throw new Error(`stage ${stage.name} defined twice`);
    return new PipelineBuilder<Next>(this.name, this.identities, [...this.stages, stage]);
  }

  then<O>(stage: TransformStage<Current, O>): PipelineBuilder<O> {
    return this.add<O>(stage as unknown as AnyStage);
  }

  /** A stage with `applies`: when it does not apply, the input passes on unchanged. */
  optional(stage: OptionalStage<Current>): PipelineBuilder<Current> {
    return this.add<Current>(stage as unknown as AnyStage);
  }

  /** A decision point; the decision has the input's type. */
  hold(stage: HoldStage<Current>): PipelineBuilder<Current> {
    return this.add<Current>(stage as unknown as AnyStage);
  }

  split<C>(stage: SplitStage<Current, C>): PipelineBuilder<C> {
    return this.add<C>(stage as unknown as AnyStage);
  }

  commit<R>(stage: CommitStage<Current, R>): Pipeline {
    const stages = [...this.add<R>(stage as unknown as AnyStage).stages];
    return { name: this.name, identities: this.identities, stages };
  }
}

/** The stage a job of this pipeline starts with, and the one a split's children start with. */
export const firstStage = (p: Pipeline): string => (p.stages[0] as AnyStage).name;

export function stageAfter(p: Pipeline, name: string): string | null {
  const i = p.stages.findIndex((s) => s.name === name);
  if (i < 0) throw new Error(`pipeline ${p.name} has no stage ${name}`);
  return p.stages[i + 1]?.name ?? null;
}
