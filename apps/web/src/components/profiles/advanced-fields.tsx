"use client";
import {
  AuthorizationFieldsSection,
  type PathParamRequest,
} from "./authorization-fields-section.tsx";
import { RequestPreview } from "./request-preview.tsx";
import { SectionToggle } from "./section-toggle.tsx";
import { TextField } from "./text-field.tsx";
import type { ProfileForm } from "./use-profile-form.ts";

/** The paths of the fields folded here: a problem in one of them unfolds the section. */
export const ADVANCED_PATH = /^(refreshTokenUrl|caBundle|description|fields)(\.|$)/;

type Props = {
  teamId: string;
  appId: string;
  form: ProfileForm;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  addPathParam: PathParamRequest;
};

/** The optional fields, folded behind "Advanced": most profiles never need them. */
export function AdvancedFields({ teamId, appId, form, open, onOpenChange, addPathParam }: Props) {
  return (
    <div className="grid gap-5 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <SectionToggle
        label="Advanced"
        summary="Optional: Refresh Token URL, CA bundle, Description, Authorization Fields, request preview"
        controls="profile-advanced"
        open={open}
        onOpenChange={onOpenChange}
      />
      <div id="profile-advanced" hidden={!open} className="grid gap-5">
        <TextField
          form={form}
          path="refreshTokenUrl"
          label="Refresh Token URL"
          placeholder="Optional"
          hint="Where a refresh token is exchanged for a new access token. Without it, a new token is requested at the Token Request URL."
        />
        <TextField
          form={form}
          path="caBundle"
          label="CA bundle"
          multiline
          placeholder="-----BEGIN CERTIFICATE-----"
          hint="For a provider behind a private CA: the PEM certificates trusted for the Token Request URL and Refresh Token URL instead of the system's. Optional."
        />
        <TextField
          form={form}
          path="description"
          label="Description"
          multiline
          hint="Notes for your team, e.g. who owns this client and where it is registered. Optional."
        />
        <AuthorizationFieldsSection form={form} addPathParam={addPathParam} />
        <RequestPreview teamId={teamId} appId={appId} form={form} />
      </div>
    </div>
  );
}
