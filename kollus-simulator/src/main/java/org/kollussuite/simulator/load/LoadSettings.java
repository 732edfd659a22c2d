package org.kollussuite.simulator.load;

import org.kollussuite.simulator.wire.Viewer;

import java.util.List;

/**
 * What a load run sends: rates per callback type, the entitled viewers, their contents' length, the
 * LMS transfer interval and block count, and the share of LMS sends that re-send a stored snapshot.
 * {@code run} makes the run's keys unique.
 */
public record LoadSettings(Rates rates, List<Viewer> viewers, String run, int contentSeconds,
                           int lmsIntervalSeconds, int blocks, double resendRatio) {
}
