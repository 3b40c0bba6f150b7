import { scorecardJsonOfGrids, scorecardOfGrids, scorecardWorkbookOfGrids } from '../scorecard/scorecard-jobs';
import type { HeavyAnswer, HeavyTask } from './heavy-tasks';
import { serveTasks } from './serve-tasks';

/** A thread of the service's heavy-work pool: scorecards computed and workbooks written. */
serveTasks<HeavyTask, HeavyAnswer>(async (task) => {
  switch (task.kind) {
    case 'scorecard':
      return { value: { kind: 'scorecard', report: scorecardOfGrids(task.job) } };
    case 'scorecard-json': {
      const json = scorecardJsonOfGrids(task.job);
      return { value: { kind: 'scorecard-json', json }, transfer: [json.bytes.buffer as ArrayBuffer] };
    }
    case 'scorecard-workbook': {
      const workbook = await scorecardWorkbookOfGrids(task.job);
      return { value: { kind: 'scorecard-workbook', workbook }, transfer: [workbook.bytes.buffer as ArrayBuffer] };
    }
  }
});
