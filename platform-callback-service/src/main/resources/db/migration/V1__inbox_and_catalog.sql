-- Every platform callback as received: accepted, duplicate or rejected.
create table callback_inbox (
    id               bigserial    primary key,
    received_at      timestamptz  not null default now(),
    callback_type    varchar(32)  not null,
    status           varchar(16)  not null,
    upload_file_key  varchar(200),
    dedup_key        varchar(64),
    source_address   varchar(64),
    parameters       jsonb        not null,
    error            varchar(64),
    message          varchar(1000)
);

create index callback_inbox_newest on callback_inbox (id desc);
create index callback_inbox_status on callback_inbox (status, id desc);
create index callback_inbox_upload_file on callback_inbox (upload_file_key, id desc);

-- The identity of each accepted callback, kept for the deduplication window.
create table callback_dedup (
    dedup_key     varchar(64) primary key,
    first_seen_at timestamptz not null,
    inbox_id      bigint      not null
);

create index callback_dedup_age on callback_dedup (first_seen_at);

-- The content catalog: one row per uploaded file.
create table content (
    upload_file_key     varchar(200) primary key,
    filename            varchar(1000),
    full_filename       varchar(2000),
    transcoding_state   varchar(32)  not null,
    last_update_type    varchar(200),
    uploaded_at         timestamptz,
    transcoded_at       timestamptz,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);

create index content_state on content (transcoding_state);

-- Membership of a content in a channel, under the channel's own media content key.
create table channel_membership (
    id                  bigserial    primary key,
    upload_file_key     varchar(200) not null references content (upload_file_key),
    channel_key         varchar(200) not null,
    channel_name        varchar(500),
    media_content_key   varchar(200) not null,
    profile_keys        varchar(2000),
    state               varchar(16)  not null,
    added_at            timestamptz,
    removed_at          timestamptz,
    updated_at          timestamptz  not null,
    unique (channel_key, media_content_key)
);

create index channel_membership_content on channel_membership (upload_file_key);
create index channel_membership_channel on channel_membership (channel_key, state);
