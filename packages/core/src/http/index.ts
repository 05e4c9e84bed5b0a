export { AllowRuleError, createAddressPolicy, parseAllowRules } from "./address-policy.ts";
export {
  DEFAULT_SEND_LIMITS,
  type SendLimits,
  sendRequest,
  TransportFailure,
} from "./send-request.ts";
