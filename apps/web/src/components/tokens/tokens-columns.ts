// Columns that help less give way first on narrow screens; the unfolded row still has them.
export const FROM_SM = "hidden sm:table-cell";
export const FROM_MD = "hidden md:table-cell";
export const FROM_LG = "hidden lg:table-cell";

/** The Auto-refresh heading names each row's switch, with the row's profile. */
export const AUTO_REFRESH_HEADING_ID = "tokens-column-auto-refresh";

/** The padding of the columns a phone shows: less of it, so the names keep their room. */
export const NARROW = "px-2 sm:px-4";
