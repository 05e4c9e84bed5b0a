// The charts' heights, known before uPlot loads, so their placeholders hold the same room and
// nothing below them moves when a chart appears.

const TIMELINE_ROW_PX = 36;
const TIMELINE_AXIS_PX = 56;

/** The timeline is one row per token plus its time axis. */
export const timelineHeight = (rows: number) => rows * TIMELINE_ROW_PX + TIMELINE_AXIS_PX;

export const HISTORY_CHART_PX = 120;
