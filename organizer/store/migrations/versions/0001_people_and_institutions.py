"""people, institutions, positions and topics

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 18:47:01.545702

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('institution',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=300), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('profile', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['institution.id'], name=op.f('fk_institution_parent_id_institution'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institution')),
    sa.UniqueConstraint('uid', name=op.f('uq_institution_uid'))
    )
    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_institution_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_institution_parent_id'), ['parent_id'], unique=False)

    op.create_table('person',
    sa.Column('given_name', sa.String(length=300), nullable=False),
    sa.Column('family_name', sa.String(length=300), nullable=False),
    sa.Column('middle_name', sa.String(length=300), nullable=False),
    sa.Column('honorific', sa.String(length=300), nullable=False),
    sa.Column('form_of_address', sa.String(length=300), nullable=False),
    sa.Column('display_name', sa.String(length=300), nullable=False),
    sa.Column('sort_name', sa.String(length=600), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('biography', sa.Text(), nullable=False),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.Column('photo_type', sa.String(length=64), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('uid', name=op.f('uq_person_uid'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_family_name'), ['family_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_sort_name'), ['sort_name'], unique=False)

    op.create_table('topic',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topic')),
    sa.UniqueConstraint('name', name=op.f('uq_topic_name')),
    sa.UniqueConstraint('uid', name=op.f('uq_topic_uid'))
    )
    op.create_table('institution_name',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('script', sa.String(length=16), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_institution_name_institution_id_institution'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institution_name'))
    )
    with op.batch_alter_table('institution_name', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_institution_name_institution_id'), ['institution_id'], unique=False)

    op.create_table('institution_topic',
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_institution_topic_institution_id_institution'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_institution_topic_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('institution_id', 'topic_id', name=op.f('pk_institution_topic'))
    )
    with op.batch_alter_table('institution_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_institution_topic_topic_id'), ['topic_id'], unique=False)

    op.create_table('person_email',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_email_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_email'))
    )
    with op.batch_alter_table('person_email', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_email_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_email_person_id'), ['person_id'], unique=False)

    op.create_table('person_name',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('script', sa.String(length=16), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_name_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_name'))
    )
    with op.batch_alter_table('person_name', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_name_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_person_id'), ['person_id'], unique=False)

    op.create_table('person_phone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_phone_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_phone'))
    )
    with op.batch_alter_table('person_phone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_phone_person_id'), ['person_id'], unique=False)

    op.create_table('person_tag',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_tag_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'tag', name=op.f('pk_person_tag'))
    )
    with op.batch_alter_table('person_tag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_tag_tag'), ['tag'], unique=False)

    op.create_table('person_topic',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_topic_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_person_topic_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'topic_id', name=op.f('pk_person_topic'))
    )
    with op.batch_alter_table('person_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_topic_topic_id'), ['topic_id'], unique=False)

    op.create_table('position',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_position_dates')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_position_institution_id_institution'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_position_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_position')),
    sa.UniqueConstraint('uid', name=op.f('uq_position_uid'))
    )
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_position_current', ['person_id'], unique=True, sqlite_where=sa.text('is_current = 1'), postgresql_where=sa.text('is_current'))


def downgrade() -> None:
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.drop_index('uq_position_current', sqlite_where=sa.text('is_current = 1'), postgresql_where=sa.text('is_current'))
        batch_op.drop_index(batch_op.f('ix_position_person_id'))
        batch_op.drop_index(batch_op.f('ix_position_institution_id'))

    op.drop_table('position')
    with op.batch_alter_table('person_topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_topic_topic_id'))

    op.drop_table('person_topic')
    with op.batch_alter_table('person_tag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_tag_tag'))

    op.drop_table('person_tag')
    with op.batch_alter_table('person_phone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_phone_person_id'))

    op.drop_table('person_phone')
    with op.batch_alter_table('person_name', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_name_person_id'))
        batch_op.drop_index(batch_op.f('ix_person_name_name'))

    op.drop_table('person_name')
    with op.batch_alter_table('person_email', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_email_person_id'))
        batch_op.drop_index(batch_op.f('ix_person_email_address'))

    op.drop_table('person_email')
    with op.batch_alter_table('institution_topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_institution_topic_topic_id'))

    op.drop_table('institution_topic')
    with op.batch_alter_table('institution_name', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_institution_name_institution_id'))

    op.drop_table('institution_name')
    op.drop_table('topic')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_sort_name'))
        batch_op.drop_index(batch_op.f('ix_person_family_name'))

    op.drop_table('person')
    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_institution_parent_id'))
        batch_op.drop_index(batch_op.f('ix_institution_name'))

    op.drop_table('institution')
