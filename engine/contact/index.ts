/** Contact routes (issue 17): how a person prefers to be reached. Code outside engine/contact imports it from here only. */
export {
  type ContactActor,
  type ContactInput,
  type ContactView,
  contactInputSchema,
  contactRoute,
  HANDLE_PATTERNS,
  setContactRoute,
} from './contact.js';
export { CONTACT_ERROR_STATUS, ContactError, type ContactErrorCode, isContactError } from './errors.js';
