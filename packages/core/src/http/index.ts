export { type AddressPolicy, createAddressPolicy } from "./address-policy.ts";
export {
  DEFAULT_SEND_LIMITS,
  type OutgoingRequest,
  type SendLimits,
  sendRequest,
  TransportFailure,
} from "./send-request.ts";
