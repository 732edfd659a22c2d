package org.kollussuite.simulator.wire;

import java.net.URI;

/**
 * Where the suite runs and the keys shared with it: what Kollus is configured with for one service
 * account and one channel, the shape of the channel's LMS snapshots included. The keys are secrets:
 * nothing derived from this record is printed but the base URLs, the channel key and the LMS shape.
 */
public record SuiteTarget(URI platformUrl, URI playerUrl, URI lmsUrl, String channelKey, String callbackToken,
                          String serviceAccountKey, String securityKey, String customKey, String adminToken,
                          String lmsJsonParam, LmsShape lmsShape) {
}
