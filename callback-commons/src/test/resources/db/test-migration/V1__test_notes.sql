create table test_note (
    id      uuid primary key,
    text    varchar(200) not null
);

create table test_effect (
    note_id uuid primary key,
    applied integer not null
);
