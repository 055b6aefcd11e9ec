-- How the citizen confirmed a draft filed with help, and which version of the answers they saw:
-- a change after confirmation (the draft's version moves on) asks for it again.
-- confirmed_how: phone (the citizen's own phone, by QR or short code) | sms (a 6-digit code sent
-- to the phone in the answers) | paper (printed answers signed by the citizen) | screen (ticked
-- on the helper's screen, before those three existed).
ALTER TABLE assisted_drafts ADD COLUMN confirmed_how TEXT;
ALTER TABLE assisted_drafts ADD COLUMN confirmed_version BIGINT;
UPDATE assisted_drafts SET confirmed_how = 'screen' WHERE confirmed_at IS NOT NULL;
