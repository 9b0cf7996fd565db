from monitor.crawl import dedup

STORY = "\n".join(
    f"Paragraph {i}: the interior ministry said rejected asylum seekers would be returned "
    f"under the readmission agreement signed with the partner country last spring."
    for i in range(6)
)


def test_simhash_of_a_copy_with_furniture_is_close():
    copy = "Courts\n" + STORY + "\nThis story first appeared on Meridian Wire."
    assert dedup.distance(dedup.simhash(STORY), dedup.simhash(copy)) <= 6


def test_simhash_of_another_story_is_far():
    other = STORY.replace("asylum seekers", "football fans").replace("interior", "sports")
    other = other.replace("readmission agreement", "cup final").replace("returned", "welcomed")
    assert dedup.distance(dedup.simhash(STORY), dedup.simhash(other)) > dedup.SIMHASH_MAX_DISTANCE


def test_close_hashes_share_a_band():
    value = dedup.simhash(STORY)
    flipped = value ^ (1 << 3) ^ (1 << 20) ^ (1 << 40)  # three bits in three bands
    assert set(dedup.bands(value)) & set(dedup.bands(flipped))


def test_same_numbers():
    assert dedup.same_numbers("1,200 arrivals in 2025", "In 2025: 1,200 arrivals")
    assert not dedup.same_numbers("1,200 arrivals", "1,300 arrivals")
