/** One wrong request field, in the shape Flexiti's error answers list them (`param`, `msg`). */
export interface FieldError {
  param: string
  msg: string
  value?: unknown
}
