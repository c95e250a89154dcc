// HTTP-free description of a bad admission request; the handler maps it to a 400.
export class BadAdmissionReviewError extends Error {
  readonly code = 'ERR_BAD_ADMISSION_REVIEW';
  readonly status = 400;
  override name = 'BadAdmissionReviewError';
}
