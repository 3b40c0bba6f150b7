import { strict } from './client-object';
import type { Execution, FakeRequestContext } from './context';

/**
 * OfficeExtension.EventHandlers, faked: `add` registers at the next sync (as Office.js does),
 * and the result's `remove` unregisters at the sync after it; removal goes through the context
 * that added the handler. Source: "Work with events using the Excel JavaScript API",
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events ("the event handler
 * ... must be removed using the same RequestContext").
 */
export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeRequestContext,
    private readonly id: number,
  ) {}

  remove(): void {
    const host = this.context.host;
    this.context.enqueue({ write: false, requestBytes: 0, run: () => host.unregisterHandler(this.id) });
  }
}

export class FakeEventHandlers {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly sheetId: ((exec: Execution) => string) | null,
  ) {}

  add(handler: (args: unknown) => Promise<unknown>): FakeEventHandlerResult {
    const host = this.context.host;
    const id = host.nextHandlerId();
    this.context.enqueue({
      write: false,
      requestBytes: 0,
      run: (exec) => host.registerHandler({ id, sheetId: this.sheetId ? this.sheetId(exec) : null, handler }),
    });
    return strict(new FakeEventHandlerResult(this.context, id));
  }
}
