"""What members and editors do in the community, one module per concern (HackSoft's "Services → Modules").

members (profiles, blocking) · subjects (what members ask about) · posting (threads, replies, edits, reports) ·
moderation (editors' actions) · follows (following, unsubscribe tokens) · notifications (the e-mail) ·
member_data (export and erasure). Import the module you need: this package re-exports nothing.
"""
