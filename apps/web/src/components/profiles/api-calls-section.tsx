"use client";
import type { ReactNode } from "react";
import { SectionToggle } from "./section-toggle.tsx";
import { StatusCodesField } from "./status-codes-field.tsx";
import { TextField } from "./text-field.tsx";
import { TokenPlacementField } from "./token-placement-field.tsx";
import type { ProfileForm } from "./use-profile-form.ts";

/** The paths of the fields folded here: a problem in one of them unfolds the section. */
export const API_CALLS_PATH =
  /^(apiBaseUrl|tokenPlacement|tokenParameterName|tokenPrefix|authErrorStatusCodes)(\.|$)/;

type Props = {
  form: ProfileForm;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Offered beside an API Base URL that names a Path Param the profile lacks. */
  apiBaseUrlAction?: ReactNode;
};

/**
 * How Authdeck calls the provider's API with the token (the proxy for services). Optional: a
 * profile without an API Base URL makes no API calls and only keeps tokens.
 */
export function ApiCallsSection({ form, open, onOpenChange, apiBaseUrlAction }: Props) {
  const header = form.values.tokenPlacement === "header";
  return (
    <div className="grid gap-5 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <SectionToggle
        label="API calls"
        summary="Optional: API Base URL, token placement, Auth Error Status Code"
        controls="profile-api-calls"
        open={open}
        onOpenChange={onOpenChange}
      />
      <div id="profile-api-calls" hidden={!open} className="grid gap-5">
        <TextField
          form={form}
          path="apiBaseUrl"
          label="API Base URL"
          placeholder="Optional, e.g. https://api.example.com/v1"
          errorAction={apiBaseUrlAction}
          hint="Where Authdeck sends API calls made with this profile's token; each call's path is added to it. http:// or https://, {key} for a Path Param and {tenant} for tenancy in the path or query. Leave empty for a profile that only keeps tokens."
        />
        <TokenPlacementField form={form} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            form={form}
            path="tokenParameterName"
            label="Token Parameter Name"
            hint={
              header
                ? "The header that carries the token: Authorization, or the one the API names, e.g. X-Api-Token."
                : "The query parameter that carries the token, e.g. access_token."
            }
          />
          {header && (
            <TextField
              form={form}
              path="tokenPrefix"
              label="Token Prefix"
              placeholder="Token type"
              hint="Leave empty to use the token type, e.g. Bearer; or the word the API expects before the token, e.g. Token."
            />
          )}
        </div>
        <StatusCodesField form={form} />
        <p className="text-sm text-muted">
          Authorization fields go on each API call by their type: Header as a request header,
          Payload as a key of the JSON or form body, Query String as a query parameter, Path Param
          in place of {"{key}"} in the API Base URL or the call's path.
        </p>
      </div>
    </div>
  );
}
