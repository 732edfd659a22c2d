-- Shared by every service, in its own database: the transactional outbox and the idempotent-consumer log.
-- Versions below 1 are reserved for these tables; each service numbers its own migrations from 1.

create table outbox_event (
    seq          bigserial    primary key,
    id           uuid         not null unique,
    type         varchar(200) not null,
    subject      varchar(500),
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz,
    attempts     integer      not null default 0,
    last_error   varchar(1000)
);

create index outbox_event_pending on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

create index processed_event_age on processed_event (processed_at);
