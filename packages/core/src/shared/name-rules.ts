// Names are unique where people pick among them, whatever the letter case, so two are never
// confused. The forms, the use-cases and the database's unique indexes share these words.
export const APP_NAME_TAKEN = "An app with this name already exists";
export const PROFILE_NAME_TAKEN = "A profile with this name already exists in this app";
