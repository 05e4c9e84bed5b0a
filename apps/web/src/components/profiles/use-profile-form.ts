"use client";
import { useMemo, useRef, useState } from "react";
import {
  type FieldErrors,
  type ProfileFormValues,
  SHOWN_AT_A_FIELD,
  validateProfile,
} from "./profile-form-values.ts";

/**
 * The dialog's values and messages. A client-side message shows once its field was changed and
 * left, or a save was tried (a field merely passed through, like the first one the dialog
 * focuses, says nothing yet); the server's messages show until the field they name is changed.
 */
export function useProfileForm(initial: ProfileFormValues) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const edited = useRef(new Set<string>());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const replacingSecret = initial.keepSecret && !values.keepSecret;
  const clientErrors = useMemo(
    () => validateProfile(values, replacingSecret),
    [values, replacingSecret],
  );

  const errorAt = (path: string): string | undefined =>
    serverErrors[path] ?? (submitted || touched.has(path) ? clientErrors[path] : undefined);

  /** Changes values; `paths` are the fields whose server messages no longer apply. */
  function change(patch: Partial<ProfileFormValues>, ...paths: string[]) {
    for (const path of paths) edited.current.add(path);
    setValues((current) => ({ ...current, ...patch }));
    if (paths.some((path) => path in serverErrors)) {
      setServerErrors((current) =>
        Object.fromEntries(Object.entries(current).filter(([path]) => !paths.includes(path))),
      );
    }
  }

  const touch = (...all: string[]) => {
    const paths = all.filter((path) => edited.current.has(path));
    setTouched((current) =>
      paths.every((path) => current.has(path)) ? current : new Set([...current, ...paths]),
    );
  };

  /** Messages no field shows: the server's, or the schema's about the form as a whole. */
  const unplaced = [
    ...new Set(
      Object.entries({ ...(submitted ? clientErrors : {}), ...serverErrors })
        .filter(([path]) => !SHOWN_AT_A_FIELD.test(path))
        .map(([, message]) => message),
    ),
  ];

  return {
    values,
    setValues,
    change,
    touch,
    errorAt,
    unplaced,
    isValid: Object.keys(clientErrors).length === 0,
    invalidPaths: Object.keys(clientErrors),
    replacingSecret,
    markSubmitted: () => setSubmitted(true),
    setServerErrors,
  };
}

export type ProfileForm = ReturnType<typeof useProfileForm>;
