export { type AddressPolicy, createAddressPolicy } from "./address-policy.ts";
export {
  DEFAULT_SEND_LIMITS,
  type SendLimits,
  sendRequest,
  TransportFailure,
} from "./send-request.ts";
