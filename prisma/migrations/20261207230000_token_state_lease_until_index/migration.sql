-- The refresh scheduler counts the leases still running on every pass (refreshesInFlight).
CREATE INDEX "token_state_lease_until_idx" ON "token_state"("lease_until");
