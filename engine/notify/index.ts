/**
 * Notices for people (alerts, introductions, digests: engine/digest builds those): stored in the graph as the recipient's
 * personal records, listed in their inbox, delivered by direct message through a durable outbox.
 * Code outside engine/notify imports it from here only.
 */
export {
  ALERT_KINDS,
  type AlertDeps,
  AlertFollower,
  type AlertFollowerOptions,
  alertChanges,
  alertsFor,
  type WhoSolved,
} from './alerts.js';
export { isNotifyError, NOTIFY_ERROR_STATUS, NotifyError, type NotifyErrorCode } from './errors.js';
export {
  type InboxItem,
  type InboxOptions,
  type InboxPage,
  inboxItem,
  listInbox,
  markRead,
  readerNotices,
} from './inbox.js';
export {
  CHANNEL_RECIPIENT,
  channelRecipient,
  type Notice,
  type NoticeInput,
  type NotifyOptions,
  noticeId,
  notify,
} from './notice.js';
export {
  backoff,
  type Deliver,
  type DeliveryOutcome,
  type OutboxOptions,
  type OutboxPass,
  runOutbox,
} from './outbox.js';
export { personalViewer, type Reader, readerOf } from './reader.js';
export {
  allSubscriptions,
  listSubscriptions,
  type Subscription,
  type SubscriptionInput,
  type SubscriptionView,
  subscribe,
  subscriberViewer,
  subscriptionInputSchema,
  subscriptionView,
  unsubscribe,
} from './subscriptions.js';
