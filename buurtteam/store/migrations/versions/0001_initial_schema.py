"""Initial schema: every record kind of exchange format v1.

Money columns are BIGINT cents. Contract point history is append-only, enforced by
triggers so that no code path (not only the window) can rewrite it.

Revision ID: 0001
Revises: 
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


# A history entry can only disappear together with its contract point (a cascade, when
# the parent row is already gone); a direct UPDATE or DELETE is refused.
HISTORY_TRIGGERS = (
    """CREATE TRIGGER point_history_no_update BEFORE UPDATE ON point_history
    BEGIN SELECT RAISE(ABORT, 'point_history is append-only'); END""",
    """CREATE TRIGGER point_history_no_delete BEFORE DELETE ON point_history
    WHEN EXISTS (SELECT 1 FROM contract_point WHERE id = OLD.point_id)
    BEGIN SELECT RAISE(ABORT, 'point_history is append-only'); END""",
)


def upgrade() -> None:
    op.create_table('neighbourhood',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('municipality', sa.String(length=200), nullable=False),
    sa.Column('quorum', sa.Integer(), nullable=True),
    sa.Column('meeting_interval_weeks', sa.Integer(), nullable=True),
    sa.Column('reply_weeks', sa.Integer(), nullable=True),
    sa.Column('default_budget', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_neighbourhood')),
    sa.UniqueConstraint('name', name=op.f('uq_neighbourhood_name'))
    )
    op.create_table('budget_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('carry_over', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_budget_year_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_year')),
    sa.UniqueConstraint('neighbourhood_id', 'year', name=op.f('uq_budget_year_neighbourhood_id'))
    )
    with op.batch_alter_table('budget_year', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_year_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('contract',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.CheckConstraint('ends_on > starts_on', name=op.f('ck_contract_period')),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_contract_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract')),
    sa.UniqueConstraint('neighbourhood_id', 'public_id', name=op.f('uq_contract_neighbourhood_id'))
    )
    with op.batch_alter_table('contract', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contract_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('party',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_party_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_party')),
    sa.UniqueConstraint('neighbourhood_id', 'public_id', name=op.f('uq_party_neighbourhood_id'))
    )
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_neighbourhood_id'), ['neighbourhood_id'], unique=False)

    op.create_table('contract_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('theme', sa.String(length=200), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('carried_from_contract_id', sa.Integer(), nullable=True),
    sa.Column('carried_from_number', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['carried_from_contract_id'], ['contract.id'], name=op.f('fk_contract_point_carried_from_contract_id_contract'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contract_id'], ['contract.id'], name=op.f('fk_contract_point_contract_id_contract'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_contract_point_party_id_party')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract_point')),
    sa.UniqueConstraint('contract_id', 'number', name=op.f('uq_contract_point_contract_id'))
    )
    with op.batch_alter_table('contract_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contract_point_carried_from_contract_id'), ['carried_from_contract_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_point_contract_id'), ['contract_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contract_point_party_id'), ['party_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=100), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_person_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_person_party_id_party'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('neighbourhood_id', 'public_id', name=op.f('uq_person_neighbourhood_id'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_neighbourhood_id'), ['neighbourhood_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_party_id'), ['party_id'], unique=False)

    op.create_table('signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('signed_by', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contract.id'], name=op.f('fk_signature_contract_id_contract'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_signature_party_id_party'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signature'))
    )
    with op.batch_alter_table('signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signature_contract_id'), ['contract_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_signature_party_id'), ['party_id'], unique=False)

    op.create_table('issue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_issue_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_issue_party_id_party'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['raised_by_id'], ['person.id'], name=op.f('fk_issue_raised_by_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issue')),
    sa.UniqueConstraint('neighbourhood_id', 'public_id', name=op.f('uq_issue_neighbourhood_id'))
    )
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_neighbourhood_id'), ['neighbourhood_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_party_id'), ['party_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issue_raised_by_id'), ['raised_by_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('secretary_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('minutes_approved_at_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], name=op.f('fk_meeting_chair_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['minutes_approved_at_id'], ['meeting.id'], name=op.f('fk_meeting_minutes_approved_at_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_meeting_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['secretary_id'], ['person.id'], name=op.f('fk_meeting_secretary_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
    sa.UniqueConstraint('neighbourhood_id', 'public_id', name=op.f('uq_meeting_neighbourhood_id'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_chair_id'), ['chair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_minutes_approved_at_id'), ['minutes_approved_at_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_neighbourhood_id'), ['neighbourhood_id'], unique=False)
        batch_op.create_index('ix_meeting_neighbourhood_starts', ['neighbourhood_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_secretary_id'), ['secretary_id'], unique=False)

    op.create_table('agenda_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['carried_from_id'], ['agenda_request.id'], name=op.f('fk_agenda_request_carried_from_id_agenda_request'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_request_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['person.id'], name=op.f('fk_agenda_request_submitted_by_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_request'))
    )
    with op.batch_alter_table('agenda_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_request_carried_from_id'), ['carried_from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_request_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_request_public_id'), ['public_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_request_submitted_by_id'), ['submitted_by_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('arrived_at', sa.Time(), nullable=True),
    sa.Column('left_at', sa.Time(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_attendance_meeting_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)

    op.create_table('erratum',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_erratum_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erratum'))
    )
    with op.batch_alter_table('erratum', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erratum_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('guest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('organisation', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_guest_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guest'))
    )
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guest_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('issue_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('to', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['issue_id'], ['issue.id'], name=op.f('fk_issue_step_issue_id_issue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issue_step'))
    )
    with op.batch_alter_table('issue_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_step_issue_id'), ['issue_id'], unique=False)

    op.create_table('point_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_point_history_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['point_id'], ['contract_point.id'], name=op.f('fk_point_history_point_id_contract_point'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_point_history'))
    )
    with op.batch_alter_table('point_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_point_history_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_point_history_point_id'), ['point_id'], unique=False)

    op.create_table('proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('theme', sa.String(length=200), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('amount_requested', sa.BigInteger(), nullable=False),
    sa.Column('not_regular_maintenance', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('decision_meeting_id', sa.Integer(), nullable=True),
    sa.Column('amount_granted', sa.BigInteger(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstain', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decision_meeting_id'], ['meeting.id'], name=op.f('fk_proposal_decision_meeting_id_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhood.id'], name=op.f('fk_proposal_neighbourhood_id_neighbourhood'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['person.id'], name=op.f('fk_proposal_submitted_by_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal')),
    sa.UniqueConstraint('neighbourhood_id', 'public_id', name=op.f('uq_proposal_neighbourhood_id'))
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_decision_meeting_id'), ['decision_meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_neighbourhood_id'), ['neighbourhood_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_submitted_by_id'), ['submitted_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_year'), ['year'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['agenda_request.id'], name=op.f('fk_agenda_item_request_id_agenda_request'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['person.id'], name=op.f('fk_agenda_item_submitted_by_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_public_id'), ['public_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_submitted_by_id'), ['submitted_by_id'], unique=False)

    op.create_table('payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_payment_proposal_id_proposal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment'))
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_action_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], name=op.f('fk_action_owner_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['party_id'], ['party.id'], name=op.f('fk_action_party_id_party'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_party_id'), ['party_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_public_id'), ['public_id'], unique=False)

    op.create_table('agenda_item_issue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_agenda_item_issue_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['issue_id'], ['issue.id'], name=op.f('fk_agenda_item_issue_issue_id_issue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item_issue'))
    )
    with op.batch_alter_table('agenda_item_issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_issue_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_issue_issue_id'), ['issue_id'], unique=False)

    op.create_table('agenda_item_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_agenda_item_point_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item_point'))
    )
    with op.batch_alter_table('agenda_item_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_point_agenda_item_id'), ['agenda_item_id'], unique=False)

    op.create_table('agenda_item_proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_agenda_item_proposal_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_agenda_item_proposal_proposal_id_proposal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item_proposal'))
    )
    with op.batch_alter_table('agenda_item_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_proposal_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_proposal_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstain', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_decision_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_public_id'), ['public_id'], unique=False)

    op.create_table('idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_idea_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea'))
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_idea_public_id'), ['public_id'], unique=False)


    if op.get_bind().dialect.name == "sqlite":
        for statement in HISTORY_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_public_id'))
        batch_op.drop_index(batch_op.f('ix_idea_agenda_item_id'))

    op.drop_table('idea')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_public_id'))
        batch_op.drop_index(batch_op.f('ix_decision_agenda_item_id'))

    op.drop_table('decision')
    with op.batch_alter_table('agenda_item_proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_proposal_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_proposal_agenda_item_id'))

    op.drop_table('agenda_item_proposal')
    with op.batch_alter_table('agenda_item_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_point_agenda_item_id'))

    op.drop_table('agenda_item_point')
    with op.batch_alter_table('agenda_item_issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_issue_issue_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_issue_agenda_item_id'))

    op.drop_table('agenda_item_issue')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_public_id'))
        batch_op.drop_index(batch_op.f('ix_action_party_id'))
        batch_op.drop_index(batch_op.f('ix_action_owner_id'))
        batch_op.drop_index(batch_op.f('ix_action_agenda_item_id'))

    op.drop_table('action')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_proposal_id'))

    op.drop_table('payment')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_submitted_by_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_request_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_public_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_year'))
        batch_op.drop_index(batch_op.f('ix_proposal_submitted_by_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_neighbourhood_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_decision_meeting_id'))

    op.drop_table('proposal')
    with op.batch_alter_table('point_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_point_history_point_id'))
        batch_op.drop_index(batch_op.f('ix_point_history_meeting_id'))

    op.drop_table('point_history')
    with op.batch_alter_table('issue_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_step_issue_id'))

    op.drop_table('issue_step')
    with op.batch_alter_table('guest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guest_meeting_id'))

    op.drop_table('guest')
    with op.batch_alter_table('erratum', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erratum_meeting_id'))

    op.drop_table('erratum')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('agenda_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_request_submitted_by_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_request_public_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_request_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_request_carried_from_id'))

    op.drop_table('agenda_request')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_secretary_id'))
        batch_op.drop_index('ix_meeting_neighbourhood_starts')
        batch_op.drop_index(batch_op.f('ix_meeting_neighbourhood_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_minutes_approved_at_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_chair_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_raised_by_id'))
        batch_op.drop_index(batch_op.f('ix_issue_party_id'))
        batch_op.drop_index(batch_op.f('ix_issue_neighbourhood_id'))

    op.drop_table('issue')
    with op.batch_alter_table('signature', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signature_party_id'))
        batch_op.drop_index(batch_op.f('ix_signature_contract_id'))

    op.drop_table('signature')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_party_id'))
        batch_op.drop_index(batch_op.f('ix_person_neighbourhood_id'))

    op.drop_table('person')
    with op.batch_alter_table('contract_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contract_point_party_id'))
        batch_op.drop_index(batch_op.f('ix_contract_point_contract_id'))
        batch_op.drop_index(batch_op.f('ix_contract_point_carried_from_contract_id'))

    op.drop_table('contract_point')
    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_neighbourhood_id'))

    op.drop_table('party')
    with op.batch_alter_table('contract', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contract_neighbourhood_id'))

    op.drop_table('contract')
    with op.batch_alter_table('budget_year', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_year_neighbourhood_id'))

    op.drop_table('budget_year')
    op.drop_table('neighbourhood')
