-- The catalog takes membership ids fifty at a time, so that a batch of new memberships is one round trip.
alter sequence channel_membership_id_seq increment by 50;
