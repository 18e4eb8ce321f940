// The forecast operations of the contract (QuarterdeckApi.forecastAccuracy ... stageProbabilitySanity),
// implemented once here and delegated to by CoreApi: each checks its arguments (as the hosts do:
// the CLI and tests call the core directly), then runs its analysis on the source's context.
import type { Result } from '../../../shared/api';
import { parseArgs } from '../../../shared/api-schema';
import type {
  CalibrationRequest,
  CalibrationResult,
  ForecastAccuracyRequest,
  ForecastAccuracyResult,
  ForecastDealWindow,
  MovementDealsRequest,
  MovementRequest,
  MovementResult,
  SlippageDealsRequest,
  SlippageRequest,
  SlippageResult,
  StageSanityRequest,
  StageSanityResult,
} from '../../../shared/forecast/types';
import type { Workspace } from '../workspace/workspace';
import { runCalibration } from './calibration';
import { runForecastAccuracy } from './forecast-accuracy';
import { movementDeals, runMovement } from './movement';
import { runStageSanity } from './sanity';
import { ForecastService } from './service';
import { runSlippage, slippageDeals } from './slippage';

export class ForecastOperations {
  readonly service: ForecastService;

  constructor(workspace: Workspace) {
    this.service = new ForecastService(workspace);
  }

  forecastAccuracy(input: ForecastAccuracyRequest): Promise<Result<ForecastAccuracyResult>> {
    const args = parseArgs('forecastAccuracy', [input]);
    if (!args.ok) return Promise.resolve(args);
    const request = args.value[0];
    return this.service.run(request, (conn, ctx) => runForecastAccuracy(conn, ctx, request));
  }

  probabilityCalibration(input: CalibrationRequest): Promise<Result<CalibrationResult>> {
    const args = parseArgs('probabilityCalibration', [input]);
    if (!args.ok) return Promise.resolve(args);
    const request = args.value[0];
    return this.service.run(request, (conn, ctx) => runCalibration(conn, ctx, request));
  }

  pipelineMovement(input: MovementRequest): Promise<Result<MovementResult>> {
    const args = parseArgs('pipelineMovement', [input]);
    if (!args.ok) return Promise.resolve(args);
    const request = args.value[0];
    return this.service.run(request, (conn, ctx) => runMovement(conn, ctx, request));
  }

  movementDeals(input: MovementDealsRequest): Promise<Result<ForecastDealWindow>> {
    const args = parseArgs('movementDeals', [input]);
    if (!args.ok) return Promise.resolve(args);
    const request = args.value[0];
    return this.service.run(request, (conn, ctx) => movementDeals(conn, ctx, request));
  }

  slippage(input: SlippageRequest): Promise<Result<SlippageResult>> {
    const args = parseArgs('slippage', [input]);
    if (!args.ok) return Promise.resolve(args);
    const request = args.value[0];
    return this.service.run(request, (conn, ctx) => runSlippage(conn, ctx, request));
  }

  slippageDeals(input: SlippageDealsRequest): Promise<Result<ForecastDealWindow>> {
    const args = parseArgs('slippageDeals', [input]);
    if (!args.ok) return Promise.resolve(args);
    const request = args.value[0];
    return this.service.run(request, (conn, ctx) => slippageDeals(conn, ctx, request));
  }

  stageProbabilitySanity(input: StageSanityRequest): Promise<Result<StageSanityResult>> {
    const args = parseArgs('stageProbabilitySanity', [input]);
    if (!args.ok) return Promise.resolve(args);
    const request = args.value[0];
    return this.service.run(request, (conn, ctx) => runStageSanity(conn, ctx, request));
  }
}
