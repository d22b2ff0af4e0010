//! How contacts are laid out in the `contacts` store: in buckets of up to 2^[`BUCKET_SHIFT`]
//! consecutive ids, each one record (key [`bucket_of`] the id, value the bucket's contacts in id
//! order, encoded by `contacts_core::codec`). 100 000 contacts are about a hundred records of
//! 400 KB, which the browser reads far faster than one record per contact, and a bucket is small
//! enough to rewrite for a single edit. Pure: the IndexedDB reads and writes are in
//! [`super::read`] and [`super::write`].
//!
//! Ids should stay dense for buckets to fill: ids counted up per creating client (its bits above,
//! a counter below) do.

use std::collections::BTreeMap;

use contacts_core::model::{Contact, ContactId};

/// log2 of the most contacts one bucket holds.
pub(crate) const BUCKET_SHIFT: u32 = 10;

/// The key of the bucket that holds the contact with id `id`, stored as a JS number (exact for
/// ids below 2^60).
pub(crate) fn bucket_of(id: ContactId) -> u64 {
    id.0 >> BUCKET_SHIFT
}

/// `contacts` grouped by bucket key, in key order; within a bucket in the given order.
pub(crate) fn by_bucket(contacts: &[Contact]) -> BTreeMap<u64, Vec<&Contact>> {
    let mut buckets: BTreeMap<u64, Vec<&Contact>> = BTreeMap::new();
    for contact in contacts {
        buckets
            .entry(bucket_of(contact.id))
            .or_default()
            .push(contact);
    }
    buckets
}

/// Writes `changed` into `bucket` (kept in id order): each replaces the contact with its id or
/// is inserted in order; a later one of `changed` wins over an earlier one with the same id.
pub(crate) fn merge(bucket: &mut Vec<Contact>, changed: &[&Contact]) {
    for contact in changed {
        match bucket.binary_search_by_key(&contact.id, |c| c.id) {
            Ok(at) => bucket[at] = (*contact).clone(),
            Err(at) => bucket.insert(at, (*contact).clone()),
        }
    }
}

/// Whether `changed` holds every id a bucket can hold, so whatever is stored in that bucket is
/// replaced whole and need not be read first (a bulk action over the whole base).
pub(crate) fn covers_whole_bucket(changed: &[&Contact]) -> bool {
    let capacity = 1_usize << BUCKET_SHIFT;
    if changed.len() < capacity {
        return false;
    }
    let mut ids: Vec<ContactId> = changed.iter().map(|c| c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len() == capacity
}

/// Takes the contacts whose ids are in `removed` (sorted) out of `bucket`.
pub(crate) fn remove(bucket: &mut Vec<Contact>, removed: &[ContactId]) {
    if !removed.is_empty() {
        bucket.retain(|c| removed.binary_search(&c.id).is_err());
    }
}

#[cfg(test)]
mod tests {
    use contacts_core::fixtures::generate;

    use super::*;

    #[test]
    fn only_every_id_of_a_bucket_covers_it() {
        let base = generate(3 * 1024, 1);
        let buckets = by_bucket(&base.contacts);
        // Ids start at 1: bucket 0 misses id 0, bucket 1 (ids 1024..2047) is whole.
        assert!(!covers_whole_bucket(&buckets[&0]));
        assert!(covers_whole_bucket(&buckets[&1]));
        let mut repeated = buckets[&1].clone();
        repeated.pop();
        repeated.push(repeated[0]);
        assert!(
            !covers_whole_bucket(&repeated),
            "a repeated id is not a missing one"
        );
    }

    #[test]
    fn contacts_fall_into_buckets_of_consecutive_ids() {
        let size = 1 << BUCKET_SHIFT;
        assert_eq!(bucket_of(ContactId(0)), 0);
        assert_eq!(bucket_of(ContactId(size - 1)), 0);
        assert_eq!(bucket_of(ContactId(size)), 1);
        let contacts: Vec<Contact> = [5, size + 3, 1, 2 * size, size]
            .into_iter()
            .map(|id| Contact {
                id: ContactId(id),
                ..Contact::default()
            })
            .collect();
        let ids: Vec<(u64, Vec<u64>)> = by_bucket(&contacts)
            .into_iter()
            .map(|(key, bucket)| (key, bucket.iter().map(|c| c.id.0).collect()))
            .collect();
        assert_eq!(
            ids,
            [
                (0, vec![5, 1]),
                (1, vec![size + 3, size]),
                (2, vec![2 * size])
            ]
        );
    }

    #[test]
    fn merging_replaces_by_id_and_keeps_id_order() {
        let base = generate(10, 4).contacts;
        let mut bucket = vec![base[1].clone(), base[5].clone()];
        let mut renamed = base[5].clone();
        renamed.first_name = "Новое имя".into();
        merge(&mut bucket, &[&base[7], &base[0], &renamed, &base[3]]);
        let ids: Vec<u64> = bucket.iter().map(|c| c.id.0).collect();
        assert_eq!(ids, [1, 2, 4, 6, 8]);
        assert_eq!(bucket[3], renamed);
    }

    #[test]
    fn removing_takes_out_exactly_the_listed_ids() {
        let mut bucket: Vec<Contact> = [1, 2, 3, 4]
            .into_iter()
            .map(|id| Contact {
                id: ContactId(id),
                ..Contact::default()
            })
            .collect();
        remove(&mut bucket, &[ContactId(2), ContactId(4), ContactId(9)]);
        let ids: Vec<u64> = bucket.iter().map(|c| c.id.0).collect();
        assert_eq!(ids, [1, 3]);
    }
}
