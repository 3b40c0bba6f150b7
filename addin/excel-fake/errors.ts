/**
 * Errors the fake raises, with the codes Office.js uses (`OfficeExtension.Error.code`), so the
 * adapter's error handling is exercised by the same codes it meets in Excel. The codes and when
 * Excel raises them: https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-error-handling
 * (and `Excel.ErrorCodes` in @types/office-js).
 */
export type FakeErrorCode =
  | 'PropertyNotLoaded'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'InvalidReference'
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded'
  | 'InvalidOperationInCellEditMode'
  | 'ApiNotFound'
  | 'NotImplemented';

export class FakeExcelError extends Error {
  readonly code: FakeErrorCode;

  constructor(code: FakeErrorCode, message: string) {
    super(message);
    this.code = code;
    // What Office.js names its errors; tests and logs can tell a fake Excel error from a bug.
    this.name = 'RichApi.Error';
  }
}

export function propertyNotLoaded(property: string): FakeExcelError {
  return new FakeExcelError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}
