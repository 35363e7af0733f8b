select
    vintage_id,
    withdrawn_at,
    reason as withdrawal_reason,
    withdrawn_by,
    requested_as
from {{ source('observations', 'withdrawals') }}
