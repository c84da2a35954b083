"""visits, meetings, follow-ups, agreements and attachments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:47:01.545702

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('visit',
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('direction', sa.String(length=64), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('arrival_at', sa.DateTime(), nullable=True),
    sa.Column('arrival_details', sa.Text(), nullable=False),
    sa.Column('departure_at', sa.DateTime(), nullable=True),
    sa.Column('departure_details', sa.Text(), nullable=False),
    sa.Column('lodging', sa.Text(), nullable=False),
    sa.Column('transport', sa.Text(), nullable=False),
    sa.Column('interpreter_needs', sa.Text(), nullable=False),
    sa.Column('dietary_needs', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_visit_dates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit')),
    sa.UniqueConstraint('uid', name=op.f('uq_visit_uid'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_status'), ['status'], unique=False)

    op.create_table('gift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_gift_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_gift_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift'))
    )
    with op.batch_alter_table('gift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gift_visit_id'), ['visit_id'], unique=False)

    op.create_table('meeting',
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=True),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('venue_institution_id', sa.Integer(), nullable=True),
    sa.Column('room', sa.String(length=300), nullable=False),
    sa.Column('objectives', sa.Text(), nullable=False),
    sa.Column('talking_points', sa.Text(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('outcomes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at', name=op.f('ck_meeting_times')),
    sa.ForeignKeyConstraint(['venue_institution_id'], ['institution.id'], name=op.f('fk_meeting_venue_institution_id_institution'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_meeting_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
    sa.UniqueConstraint('uid', name=op.f('uq_meeting_uid'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_venue_institution_id'), ['venue_institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_institution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_visit_institution_institution_id_institution'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_visit_institution_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_institution')),
    sa.UniqueConstraint('visit_id', 'institution_id', name=op.f('uq_visit_institution_visit_id_institution_id'))
    )
    with op.batch_alter_table('visit_institution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_institution_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_institution_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.Column('precedence', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_visit_participant_person_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_visit_participant_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_participant')),
    sa.UniqueConstraint('visit_id', 'person_id', name=op.f('uq_visit_participant_visit_id_person_id'))
    )
    with op.batch_alter_table('visit_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_participant_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_participant_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_topic',
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_visit_topic_topic_id_topic'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_visit_topic_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('visit_id', 'topic_id', name=op.f('pk_visit_topic'))
    )
    with op.batch_alter_table('visit_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_topic_topic_id'), ['topic_id'], unique=False)

    op.create_table('agreement',
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=64), nullable=False),
    sa.Column('signed_date', sa.Date(), nullable=True),
    sa.Column('signed_place', sa.String(length=300), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agreement_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_agreement_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement')),
    sa.UniqueConstraint('uid', name=op.f('uq_agreement_uid'))
    )
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_visit_id'), ['visit_id'], unique=False)

    op.create_table('followup',
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('owner_person_id', sa.Integer(), nullable=True),
    sa.Column('owner_institution_id', sa.Integer(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_followup_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_institution_id'], ['institution.id'], name=op.f('fk_followup_owner_institution_id_institution'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_person_id'], ['person.id'], name=op.f('fk_followup_owner_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_followup_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followup')),
    sa.UniqueConstraint('uid', name=op.f('uq_followup_uid'))
    )
    with op.batch_alter_table('followup', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followup_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_owner_institution_id'), ['owner_institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_owner_person_id'), ['owner_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_followup_visit_id'), ['visit_id'], unique=False)

    op.create_table('meeting_participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_participant_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_meeting_participant_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participant')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_meeting_participant_meeting_id_person_id'))
    )
    with op.batch_alter_table('meeting_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participant_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_participant_person_id'), ['person_id'], unique=False)

    op.create_table('meeting_topic',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_topic_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_meeting_topic_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'topic_id', name=op.f('pk_meeting_topic'))
    )
    with op.batch_alter_table('meeting_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_topic_topic_id'), ['topic_id'], unique=False)

    op.create_table('agreement_party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_agreement_party_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_agreement_party_institution_id_institution'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_party')),
    sa.UniqueConstraint('agreement_id', 'institution_id', name=op.f('uq_agreement_party_agreement_id_institution_id'))
    )
    with op.batch_alter_table('agreement_party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_party_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_party_institution_id'), ['institution_id'], unique=False)

    op.create_table('agreement_signatory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_agreement_signatory_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_agreement_signatory_institution_id_institution'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_agreement_signatory_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_signatory')),
    sa.UniqueConstraint('agreement_id', 'person_id', name=op.f('uq_agreement_signatory_agreement_id_person_id'))
    )
    with op.batch_alter_table('agreement_signatory', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_signatory_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_signatory_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_signatory_person_id'), ['person_id'], unique=False)

    op.create_table('attachment',
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('institution_id', sa.Integer(), nullable=True),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('media_type', sa.String(length=300), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN institution_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN visit_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN meeting_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN agreement_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_attachment_one_owner')),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreement.id'], name=op.f('fk_attachment_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_attachment_institution_id_institution'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attachment_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attachment_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], name=op.f('fk_attachment_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment')),
    sa.UniqueConstraint('uid', name=op.f('uq_attachment_uid'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_visit_id'), ['visit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_visit_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_person_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_institution_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_agreement_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('agreement_signatory', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_signatory_person_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_signatory_institution_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_signatory_agreement_id'))

    op.drop_table('agreement_signatory')
    with op.batch_alter_table('agreement_party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_party_institution_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_party_agreement_id'))

    op.drop_table('agreement_party')
    with op.batch_alter_table('meeting_topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_topic_topic_id'))

    op.drop_table('meeting_topic')
    with op.batch_alter_table('meeting_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_participant_person_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_participant_meeting_id'))

    op.drop_table('meeting_participant')
    with op.batch_alter_table('followup', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followup_visit_id'))
        batch_op.drop_index(batch_op.f('ix_followup_status'))
        batch_op.drop_index(batch_op.f('ix_followup_owner_person_id'))
        batch_op.drop_index(batch_op.f('ix_followup_owner_institution_id'))
        batch_op.drop_index(batch_op.f('ix_followup_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_followup_due_date'))

    op.drop_table('followup')
    with op.batch_alter_table('agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_visit_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_status'))
        batch_op.drop_index(batch_op.f('ix_agreement_meeting_id'))

    op.drop_table('agreement')
    with op.batch_alter_table('visit_topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_topic_topic_id'))

    op.drop_table('visit_topic')
    with op.batch_alter_table('visit_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_participant_visit_id'))
        batch_op.drop_index(batch_op.f('ix_visit_participant_person_id'))

    op.drop_table('visit_participant')
    with op.batch_alter_table('visit_institution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_institution_visit_id'))
        batch_op.drop_index(batch_op.f('ix_visit_institution_institution_id'))

    op.drop_table('visit_institution')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_visit_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_venue_institution_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))

    op.drop_table('meeting')
    with op.batch_alter_table('gift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_visit_id'))
        batch_op.drop_index(batch_op.f('ix_gift_person_id'))

    op.drop_table('gift')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_status'))
        batch_op.drop_index(batch_op.f('ix_visit_start_date'))

    op.drop_table('visit')
